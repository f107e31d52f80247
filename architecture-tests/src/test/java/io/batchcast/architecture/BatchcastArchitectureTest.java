package io.batchcast.architecture;

import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** The real code of every module obeys every rule; each rule is proven able to fail by its fixture test. */
class BatchcastArchitectureTest {

    private static final ArchitectureRules RULES = new ArchitectureRules(ProductionClasses.ROOT);

    @Test
    void domainDependsOnlyOnTheJdk() {
        check(RULES.domainDependsOnlyOnTheJdk());
    }

    @Test
    void applicationDependsOnlyOnDomainAndTheJdk() {
        check(RULES.applicationDependsOnlyOnDomainAndTheJdk());
    }

    @Test
    void domainAndApplicationNeverReadTheWallClock() {
        check(RULES.domainAndApplicationNeverReadTheWallClock());
    }

    @Test
    void modulesFollowTheDependencyTable() {
        check(RULES.modulesFollowTheDependencyTable());
    }

    @Test
    void adaptersDoNotDependOnEachOther() {
        check(RULES.adaptersDoNotDependOnEachOther());
    }

    @Test
    void onlyCompositionRootsDependOnAdapters() {
        check(RULES.onlyCompositionRootsDependOnAdapters());
    }

    @Test
    void grpcAndProtobufStayInTheGrpcAdapter() {
        check(RULES.grpcAndProtobufStayInTheGrpcAdapter());
    }

    @Test
    void helidonStaysInTheSseAdapter() {
        check(RULES.helidonStaysInTheSseAdapter());
    }

    @Test
    void jdbcStaysInThePersistenceAdapter() {
        check(RULES.jdbcStaysInThePersistenceAdapter());
    }

    @Test
    void joseStaysInTheAuthAdapter() {
        check(RULES.joseStaysInTheAuthAdapter());
    }

    @Test
    void quickfixjStaysInTheExchangeAdapterAndTheVenue() {
        check(RULES.quickfixjStaysInTheExchangeAdapterAndTheVenue());
    }

    @Test
    void packagesAreFreeOfCycles() {
        check(RULES.packagesAreFreeOfCycles());
    }

    /** ArchRule.check fails with the rule, the reason and one line per violation naming the offending class. */
    private static void check(ArchRule rule) {
        rule.check(ProductionClasses.get());
    }
}
