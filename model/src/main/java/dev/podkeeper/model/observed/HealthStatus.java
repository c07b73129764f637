package dev.podkeeper.model.observed;

/** NONE: the container defines no health check. */
public enum HealthStatus { NONE, STARTING, HEALTHY, UNHEALTHY }
