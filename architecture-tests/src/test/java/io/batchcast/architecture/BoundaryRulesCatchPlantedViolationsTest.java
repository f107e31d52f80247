package io.batchcast.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each rule about adapter boundaries and framework confinement, evaluated on its fixture under
 * {@code io.batchcast.archfixtures}, reports exactly the planted violations and nothing about the valid neighbours.
 * ({@code ~} stands for the fixture's package root.)
 */
class BoundaryRulesCatchPlantedViolationsTest {

    @Test
    void adapterSliceRuleReportsTheSseAdapterUsingThePersistenceAdapterAndTheGrpcAdapterUsingTheAuthAdapter() {
        var violations = new Fixture("adapterisolation").violationsOf(ArchitectureRules::adaptersDoNotDependOnEachOther);

        assertEquals(List.of("""
                Slice grpc depends on Slice auth:
                Method <~.adapter.grpc.AuthInterceptor.user(~.adapter.auth.JwtTokens)> has parameter of type \
                <~.adapter.auth.JwtTokens> in (AuthInterceptor.java:0)
                Method <~.adapter.grpc.AuthInterceptor.user(~.adapter.auth.JwtTokens)> calls method \
                <~.adapter.auth.JwtTokens.verify(java.lang.String)> in (AuthInterceptor.java:9)""", """
                Slice sse depends on Slice persistence:
                Field <~.adapter.sse.ReplayingEventStream.eventLog> has type <~.adapter.persistence.JdbcEventLog> \
                in (ReplayingEventStream.java:0)
                Constructor <~.adapter.sse.ReplayingEventStream.<init>()> calls constructor \
                <~.adapter.persistence.JdbcEventLog.<init>()> in (ReplayingEventStream.java:8)
                Method <~.adapter.sse.ReplayingEventStream.head()> calls method \
                <~.adapter.persistence.JdbcEventLog.headSequence()> in (ReplayingEventStream.java:11)"""),
                violations);
    }

    @Test
    void adapterConsumerRuleReportsTheServiceCreatingAnAdapterButNotBootstrap() {
        var violations = new Fixture("adapterconsumers")
                .violationsOf(ArchitectureRules::onlyCompositionRootsDependOnAdapters);

        assertEquals(List.of(
                "Constructor <~.application.service.ExecutingOrders.<init>()> calls constructor <~.adapter.exchange.PaperExchange.<init>()> in (ExecutingOrders.java:8)",
                "Field <~.application.service.ExecutingOrders.exchange> has type <~.adapter.exchange.PaperExchange> in (ExecutingOrders.java:0)"),
                violations);
    }

    @Test
    void grpcRuleReportsGeneratedMessagesAndProtobufOutsideTheGrpcAdapter() {
        var violations = new Fixture("grpcconfinement")
                .violationsOf(ArchitectureRules::grpcAndProtobufStayInTheGrpcAdapter);

        assertEquals(List.of(
                "Field <~.adapter.sse.ProtoEventFrames.event> has type <~.proto.v1.OrderBatchEventMessage> in (ProtoEventFrames.java:0)",
                "Field <~.application.service.PublishingEvents.timestamp> has type <com.google.protobuf.Timestamp> in (PublishingEvents.java:0)"),
                violations);
    }

    @Test
    void helidonRuleReportsTheGrpcAdapterTakingAHelidonConfig() {
        var violations = new Fixture("helidonconfinement").violationsOf(ArchitectureRules::helidonStaysInTheSseAdapter);

        assertEquals(List.of(
                "Constructor <~.adapter.grpc.GrpcServerSettings.<init>(io.helidon.config.Config)> has parameter of type <io.helidon.config.Config> in (GrpcServerSettings.java:0)"),
                violations);
    }

    @Test
    void jdbcRuleReportsJdbcTypesInBootstrapAndInTheExchangeAdapterOutsideItsMessageStoreButNotInTheVenue() {
        var violations = new Fixture("jdbcconfinement").violationsOf(ArchitectureRules::jdbcStaysInThePersistenceAdapter);

        assertEquals(List.of(
                "Field <~.adapter.exchange.FillJournal.filledAt> has type <java.sql.Timestamp> in (FillJournal.java:0)",
                "Field <~.adapter.exchange.fix.FixSession.connection> has type <java.sql.Connection> in (FixSession.java:0)",
                "Field <~.benchmark.LoadScenario.connection> has type <java.sql.Connection> in (LoadScenario.java:0)",
                "Field <~.bootstrap.Main.pool> has type <com.zaxxer.hikari.HikariDataSource> in (Main.java:0)"),
                violations);
    }

    @Test
    void joseRuleReportsTheSseAdapterVerifyingTokensItselfButNotTheAuthAdapterOrBootstrap() {
        var violations = new Fixture("joseconfinement").violationsOf(ArchitectureRules::joseStaysInTheAuthAdapter);

        assertEquals(List.of(
                "Field <~.adapter.sse.StreamTokens.verifier> has type <com.nimbusds.jose.crypto.MACVerifier> in (StreamTokens.java:0)"),
                violations);
    }

    @Test
    void quickfixjRuleReportsFixTypesInAUseCaseAndInBootstrapButNotInTheAdapterOrTheVenue() {
        var violations = new Fixture("fixconfinement")
                .violationsOf(ArchitectureRules::quickfixjStaysInTheExchangeAdapterAndTheVenue);

        assertEquals(List.of(
                "Field <~.application.service.RoutingOrders.clOrdId> has type <quickfix.field.ClOrdID> in (RoutingOrders.java:0)",
                "Field <~.bootstrap.Main.settings> has type <quickfix.SessionSettings> in (Main.java:0)"),
                violations);
    }
}
