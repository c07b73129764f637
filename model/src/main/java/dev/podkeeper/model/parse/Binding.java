package dev.podkeeper.model.parse;

/** What the binders share: where problems go, and where dropped list items are noted. */
record Binding(Problems problems, SourceMap sources) {}
