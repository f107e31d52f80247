# syntax=docker/dockerfile:1
# Batchcast: build with the Maven wrapper on a JDK 25, run on a JRE 25 as an unprivileged user.
#   docker build -t batchcast .
#   docker run -p 8080:8080 -p 9090:9090 -e BATCHCAST_JWT_SECRET=... batchcast
# compose.yaml runs it with PostgreSQL.

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
# only the server and the modules it needs (not the benchmark); the tests run in CI, not in the image build
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp -q -DskipTests -pl bootstrap -am package

FROM eclipse-temurin:25-jre
# curl for the health check; a fixed uid/gid so that volume permissions are predictable
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 batchcast \
    && useradd --system --uid 10001 --gid batchcast --home-dir /app --no-create-home --shell /usr/sbin/nologin batchcast \
    && mkdir -p /app/data \
    && chown batchcast:batchcast /app/data
WORKDIR /app
COPY --from=build /src/bootstrap/target/libs/ /app/libs/
COPY --from=build /src/bootstrap/target/batchcast.jar /app/batchcast.jar
COPY bootstrap/jvm.options /app/jvm.options
COPY LICENSE /app/LICENSE
USER batchcast:batchcast
# the embedded SQLite database lives in the volume unless BATCHCAST_DB_URL points elsewhere (compose.yaml: PostgreSQL)
ENV BATCHCAST_DB_URL=jdbc:sqlite:/app/data/batchcast.db \
    BATCHCAST_HTTP_PORT=8080 \
    BATCHCAST_GRPC_PORT=9090
VOLUME ["/app/data"]
# 8080: HTTP (SSE, dashboard, /observe); 9090: gRPC
EXPOSE 8080 9090
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${BATCHCAST_HTTP_PORT}/observe/health/ready" || exit 1
# the JVM's container support sizes the heap from the container's memory limit (JAVA_TOOL_OPTIONS overrides);
# jvm.options selects the garbage collector and a pre-touched heap: another collector means another /app/jvm.options
# (docs/operations.md); in a container the heap is three quarters of its memory limit, committed at start
ENTRYPOINT ["java", "@/app/jvm.options", "-XX:InitialRAMPercentage=75", "-XX:MaxRAMPercentage=75", "-jar", "/app/batchcast.jar"]
