package io.batchcast.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each rule about the inner modules and the module table, evaluated on its fixture under
 * {@code io.batchcast.archfixtures}, reports exactly the planted violations and nothing about the valid neighbours.
 * ({@code ~} stands for the fixture's package root.)
 */
class CoreRulesCatchPlantedViolationsTest {

    @Test
    void domainRuleReportsTheJacksonAnnotationAndTheJavaNetType() {
        var violations = new Fixture("domainpurity").violationsOf(ArchitectureRules::domainDependsOnlyOnTheJdk);

        assertEquals(List.of(
                "Constructor <~.domain.VenueAddress.<init>(java.net.URI)> has parameter of type <java.net.URI> in (VenueAddress.java:0)",
                "Field <~.domain.JsonAnnotatedOrder.clientOrderId> has annotation member of type <com.fasterxml.jackson.annotation.JsonProperty$Access> in (JsonAnnotatedOrder.java:0)",
                "Field <~.domain.JsonAnnotatedOrder.clientOrderId> has annotation member of type <com.fasterxml.jackson.annotation.OptBoolean> in (JsonAnnotatedOrder.java:0)",
                "Field <~.domain.JsonAnnotatedOrder.clientOrderId> is annotated with <com.fasterxml.jackson.annotation.JsonProperty> in (JsonAnnotatedOrder.java:0)",
                "Field <~.domain.VenueAddress.endpoint> has type <java.net.URI> in (VenueAddress.java:0)",
                "Method <~.domain.VenueAddress.endpoint()> has return type <java.net.URI> in (VenueAddress.java:0)"),
                violations);
    }

    @Test
    void applicationRuleReportsTheJdbcConnectionField() {
        var violations = new Fixture("applicationpurity")
                .violationsOf(ArchitectureRules::applicationDependsOnlyOnDomainAndTheJdk);

        assertEquals(List.of(
                "Field <~.application.service.RecordingFills.connection> has type <java.sql.Connection> in (RecordingFills.java:0)"),
                violations);
    }

    @Test
    void wallClockRuleReportsEveryWayOfReadingTheSystemClockButNotTheInjectedClockOrNanoTime() {
        var violations = new Fixture("wallclock")
                .violationsOf(ArchitectureRules::domainAndApplicationNeverReadTheWallClock);

        assertEquals(List.of(
                "Method <~.application.service.StampingBatches.calendarNow()> calls method <java.util.Calendar.getInstance()> in (StampingBatches.java:40)",
                "Method <~.application.service.StampingBatches.epochMillis()> calls method <java.lang.System.currentTimeMillis()> in (StampingBatches.java:20)",
                "Method <~.application.service.StampingBatches.legacyNow()> calls constructor <java.util.Date.<init>()> in (StampingBatches.java:32)",
                "Method <~.application.service.StampingBatches.nowReference()> references method <java.time.Instant.now()> in (StampingBatches.java:28)",
                "Method <~.application.service.StampingBatches.systemClock()> calls method <java.time.Clock.systemUTC()> in (StampingBatches.java:16)",
                "Method <~.application.service.StampingBatches.systemSource()> calls method <java.time.InstantSource.system()> in (StampingBatches.java:36)",
                "Method <~.application.service.StampingBatches.utcNow()> calls method <java.time.LocalDateTime.now(java.time.ZoneId)> in (StampingBatches.java:24)",
                "Method <~.domain.FillTimestamp.current()> calls method <java.time.Instant.now()> in (FillTimestamp.java:9)"),
                violations);
    }

    @Test
    void layeredRuleReportsTheApplicationCallingBootstrapTheVenueBeyondTheExchangeAdapterTheAuthAdapterUsingGrpcAndTheClassOutsideEveryModule() {
        var violations = new Fixture("layers").violationsOf(ArchitectureRules::modulesFollowTheDependencyTable);

        assertEquals(List.of(
                "Class <~.shared.DecimalFormats> is not contained in architecture",
                "Field <~.adapter.auth.JwtTokens.service> has type <~.adapter.grpc.OrderGrpcService> in (JwtTokens.java:0)",
                "Field <~.venue.PaperVenue.book> has type <~.adapter.persistence.OrderTable> in (PaperVenue.java:0)",
                "Method <~.application.service.SelfStartingGateway.start()> calls method <~.bootstrap.Main.main([Ljava.lang.String;)> in (SelfStartingGateway.java:9)",
                "Method <~.venue.PaperVenue.startGateway()> calls method <~.bootstrap.Main.main([Ljava.lang.String;)> in (PaperVenue.java:19)"),
                violations);
    }

    @Test
    void cycleRuleReportsThePortInPortOutCycle() {
        var violations = new Fixture("cycles").violationsOf(ArchitectureRules::packagesAreFreeOfCycles);

        assertEquals(List.of("""
                Cycle detected: Slice application.port.in ->\s
                                Slice application.port.out ->\s
                                Slice application.port.in
                  1. Dependencies of Slice application.port.in
                    - Constructor <~.application.port.in.SubmitBatchCommand.<init>(~.application.port.out.ExecutionPort)> \
                has parameter of type <~.application.port.out.ExecutionPort> in (SubmitBatchCommand.java:0)
                    - Field <~.application.port.in.SubmitBatchCommand.preferredVenue> \
                has type <~.application.port.out.ExecutionPort> in (SubmitBatchCommand.java:0)
                    - Method <~.application.port.in.SubmitBatchCommand.preferredVenue()> \
                has return type <~.application.port.out.ExecutionPort> in (SubmitBatchCommand.java:0)
                  2. Dependencies of Slice application.port.out
                    - Method <~.application.port.out.ExecutionPort.execute(~.application.port.in.SubmitBatchCommand)> \
                has parameter of type <~.application.port.in.SubmitBatchCommand> in (ExecutionPort.java:0)"""),
                violations);
    }
}
