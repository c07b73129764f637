/**
 * {@code podkeeper graph}: the stack as a picture, from the desired-state file alone. {@link StackGraph} is the
 * picture as data (pure: built from the file, no engine); {@link DotWriter} and {@link MermaidWriter} write it
 * out, and {@link GraphvizSvg} hands the DOT to Graphviz's {@code dot} for SVG.
 */
package dev.podkeeper.agent.graph;
