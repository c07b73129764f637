package dev.podkeeper.model.validate;

/** Reads one kind of scalar (a size, a port, ...) from the text written in the file. */
@FunctionalInterface
public interface Syntax<T> {
  T parse(String text) throws FormatException;
}
