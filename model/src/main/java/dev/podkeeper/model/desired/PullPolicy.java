package dev.podkeeper.model.desired;

/** When to pull a container's image. */
public enum PullPolicy { MISSING, ALWAYS, NEVER }
