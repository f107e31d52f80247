package io.batchcast.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.stream.Stream;

/**
 * The architecture rules of docs/architecture.md, built for one package root. The tests evaluate the very same rule objects
 * against the real code ({@code io.batchcast}) and against fixtures that plant one violation each
 * ({@code io.batchcast.archfixtures.<rule>}, laid out like the real modules), so a rule that passes on the real code
 * is known to be able to fail.
 */
final class ArchitectureRules {

    private static final String[] GRPC_AND_PROTOBUF = {"io.grpc..", "com.google.protobuf..", "com.google.rpc.."};
    private static final String[] HELIDON = {"io.helidon.."};
    private static final String[] JDBC = {"java.sql..", "javax.sql..", "com.zaxxer..", "org.flywaydb..", "org.postgresql..", "org.h2..", "org.sqlite.."};
    private static final String[] BANNED_JDK_PACKAGES = {"java.sql..", "java.net.."};
    private static final String[] JOSE = {"com.nimbusds.."};
    private static final String[] QUICKFIXJ = {"quickfix..", "org.quickfixj..", "org.apache.mina.."};
    /** QuickFIX/J's JDBC message store of the FIX adapter, relative to the root: the adapter's only JDBC. */
    private static final String FIX_MESSAGE_STORE = "adapter.exchange.fix.store..";
    /** The benchmark's own JDBC: the store measurement (no server) and the reader of the server's backends' pids. */
    private static final String[] BENCHMARK_JDBC = {"benchmark.store..", "benchmark.measure.."};

    private final String root;

    ArchitectureRules(String root) {
        this.root = root;
    }

    ArchRule domainDependsOnlyOnTheJdk() {
        return classes().that().resideInAPackage(pkg(BatchcastModule.DOMAIN))
                .should().onlyDependOnClassesThat(resideInAnyPackage(pkg(BatchcastModule.DOMAIN), "java..")
                        .and(resideOutsideOfPackages(BANNED_JDK_PACKAGES)))
                .because("the domain is plain Java: no framework, no java.sql, no java.net (docs/architecture.md)");
    }

    ArchRule applicationDependsOnlyOnDomainAndTheJdk() {
        return classes().that().resideInAPackage(pkg(BatchcastModule.APPLICATION))
                .should().onlyDependOnClassesThat(resideInAnyPackage(
                                pkg(BatchcastModule.APPLICATION), pkg(BatchcastModule.DOMAIN), "java..")
                        .and(resideOutsideOfPackages(BANNED_JDK_PACKAGES)))
                .because("use cases and ports know no framework, no java.sql, no java.net (docs/architecture.md)");
    }

    ArchRule domainAndApplicationNeverReadTheWallClock() {
        return noClasses().that().resideInAnyPackage(pkg(BatchcastModule.DOMAIN), pkg(BatchcastModule.APPLICATION))
                .should().accessTargetWhere(new WallClockReads())
                .because("time comes from the injected java.time.Clock, so tests and replays control it (docs/architecture.md)");
    }

    /** Every module is a required layer; a class outside all of them is a violation too. */
    ArchRule modulesFollowTheDependencyTable() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInAnyPackage(root + "..");
        for (BatchcastModule module : BatchcastModule.values()) {
            layers = layers.layer(module.layerName()).definedBy(pkg(module));
        }
        for (BatchcastModule module : BatchcastModule.values()) {
            var allowed = module.mayDependOn();
            layers = allowed.isEmpty()
                    ? layers.whereLayer(module.layerName()).mayNotAccessAnyLayer()
                    : layers.whereLayer(module.layerName()).mayOnlyAccessLayers(layerNames(allowed));
        }
        return layers.ensureAllClassesAreContainedInArchitecture();
    }

    ArchRule adaptersDoNotDependOnEachOther() {
        return slices().matching(root + ".adapter.(*)..").should().notDependOnEachOther()
                .because("adapters are wired together only in a composition root (docs/architecture.md)");
    }

    /** The venue may use adapters too; the module table narrows that to the exchange adapter. */
    ArchRule onlyCompositionRootsDependOnAdapters() {
        EnumSet<BatchcastModule> consumers = adapterOrCompositionRoot();
        consumers.add(BatchcastModule.VENUE);
        return noClasses().that().resideOutsideOfPackages(packagesOf(consumers))
                .should().dependOnClassesThat().resideInAPackage(root + ".adapter..")
                .because("only bootstrap knows the adapters, and the paper venue reuses the exchange adapter's rules"
                        + " (docs/architecture.md)");
    }

    ArchRule grpcAndProtobufStayInTheGrpcAdapter() {
        return confine(EnumSet.of(BatchcastModule.GRPC_ADAPTER, BatchcastModule.PROTO), true,
                concat(GRPC_AND_PROTOBUF, pkg(BatchcastModule.PROTO)))
                .because("the gRPC contract is mapped to use cases in adapter-grpc only (docs/architecture.md)");
    }

    ArchRule helidonStaysInTheSseAdapter() {
        return confine(EnumSet.of(BatchcastModule.SSE_ADAPTER), true, HELIDON)
                .because("Helidon is the web server of adapter-sse; bootstrap only starts it (docs/architecture.md)");
    }

    /**
     * Composition roots are not exempt: bootstrap hands adapter-persistence (and the FIX adapter) a URL and
     * credentials, not a DataSource. Besides adapter-persistence, JDBC is used by the FIX adapter's message store
     * package alone (QuickFIX/J's JdbcStore needs a DataSource), by the paper venue, which has a database of its own,
     * and by two measuring packages of the benchmark: the store measurement, which writes to the databases it
     * measures without a server, and the reader that finds the server's PostgreSQL backends.
     */
    ArchRule jdbcStaysInThePersistenceAdapter() {
        String[] owners = concat(packagesOf(EnumSet.of(BatchcastModule.PERSISTENCE_ADAPTER, BatchcastModule.VENUE)),
                root + "." + FIX_MESSAGE_STORE);
        for (String measuring : BENCHMARK_JDBC) {
            owners = concat(owners, root + "." + measuring);
        }
        return noClasses().that().resideOutsideOfPackages(owners)
                .should().dependOnClassesThat().resideInAnyPackage(JDBC)
                .because("adapter-persistence owns JDBC, the pool and the migrations; only the FIX message store,"
                        + " the paper venue's own book and the benchmark's store measurement and backend reader use"
                        + " JDBC besides (docs/architecture.md)");
    }

    /**
     * Tokens are verified in one place: the protocol adapters ask the application's AccessTokenVerification port,
     * so nimbus-jose-jwt is used by adapter-auth alone, and by the composition roots that sign development tokens.
     */
    ArchRule joseStaysInTheAuthAdapter() {
        return confine(EnumSet.of(BatchcastModule.AUTH_ADAPTER), true, JOSE)
                .because("one verifier serves every protocol: the adapters ask the AccessTokenVerification port"
                        + " (docs/api.md, \"Authentication\")");
    }

    /** Composition roots are not exempt: bootstrap hands the FIX adapter and the venue settings records. */
    ArchRule quickfixjStaysInTheExchangeAdapterAndTheVenue() {
        return confine(EnumSet.of(BatchcastModule.EXCHANGE_ADAPTER, BatchcastModule.VENUE), false, QUICKFIXJ)
                .because("FIX is an exchange protocol: QuickFIX/J is used by adapter-exchange and the paper venue"
                        + " only (docs/paper-exchange.md)");
    }

    /** One slice per package: module cycles are impossible in Maven, package cycles inside a module are not. */
    ArchRule packagesAreFreeOfCycles() {
        return slices().matching(root + ".(**)").should().beFreeOfCycles();
    }

    private ArchRule confine(EnumSet<BatchcastModule> allowedIn, boolean compositionRootsToo, String... libraries) {
        EnumSet<BatchcastModule> owners = EnumSet.copyOf(allowedIn);
        if (compositionRootsToo) {
            owners.addAll(BatchcastModule.compositionRoots());
        }
        return noClasses().that().resideOutsideOfPackages(packagesOf(owners))
                .should().dependOnClassesThat().resideInAnyPackage(libraries);
    }

    private static EnumSet<BatchcastModule> adapterOrCompositionRoot() {
        EnumSet<BatchcastModule> modules = BatchcastModule.compositionRoots();
        Arrays.stream(BatchcastModule.values()).filter(BatchcastModule::isAdapter).forEach(modules::add);
        return modules;
    }

    private String pkg(BatchcastModule module) {
        return module.packageIn(root);
    }

    private String[] packagesOf(Collection<BatchcastModule> modules) {
        return modules.stream().map(this::pkg).toArray(String[]::new);
    }

    private static String[] layerNames(Collection<BatchcastModule> modules) {
        return modules.stream().map(BatchcastModule::layerName).toArray(String[]::new);
    }

    private static String[] concat(String[] packages, String more) {
        return Stream.concat(Arrays.stream(packages), Stream.of(more)).toArray(String[]::new);
    }
}
