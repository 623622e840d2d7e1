package app;

public final class Fine {}
