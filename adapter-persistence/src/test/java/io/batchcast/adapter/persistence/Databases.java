package io.batchcast.adapter.persistence;

import java.util.EnumMap;
import java.util.Map;

/** One database and one opened {@link Persistence} per engine, shared by the tests of a class, dropped after it. */
final class Databases implements AutoCloseable {

    private final Map<Engine, TestDatabase> databases = new EnumMap<>(Engine.class);
    private final Map<Engine, Persistence> persistences = new EnumMap<>(Engine.class);

    synchronized TestDatabase database(Engine engine) {
        return databases.computeIfAbsent(engine, Engine::newDatabase);
    }

    synchronized Persistence persistence(Engine engine) {
        return persistences.computeIfAbsent(engine, e -> database(e).open());
    }

    @Override
    public synchronized void close() {
        persistences.values().forEach(Persistence::close);
        persistences.clear();
        databases.values().forEach(TestDatabase::close);
        databases.clear();
    }
}
