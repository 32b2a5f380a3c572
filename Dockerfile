# Builds and runs the one Switchboard jar. Configure with environment variables (see README.md / docs/).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 1001 switchboard && mkdir -p /data && chown switchboard /data
WORKDIR /app
COPY --from=build /src/app/target/switchboard.jar /tmp/switchboard.jar
# Start-up: the jar extracted, plus a class-data-sharing archive of the classes a start loads, recorded by one training
# start on the embedded default that exits once the context is up. Measured on the 2-core development machine:
# 18.3–18.8 s to health UP without it, 10.2–11.1 s with it (docs/architecture.md, "Start-up"). A JVM that cannot use
# the archive warns and starts as before.
RUN java -Djarmode=tools -jar /tmp/switchboard.jar extract --destination /app \
    && rm /tmp/switchboard.jar \
    && SWITCHBOARD_DATA_DIR=/tmp/cds-training PORT=0 SWITCHBOARD_LIVECHAT_PORT=0 SWITCHBOARD_SUPPORT_PORT=0 \
       java -XX:ArchiveClassesAtExit=/app/switchboard.jsa -Dspring.context.exit=onRefresh -jar /app/switchboard.jar \
    && rm -rf /tmp/cds-training
USER switchboard
ENV SWITCHBOARD_DATA_DIR=/data
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s CMD ["sh", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080"]
# G1 aiming at 20 ms pauses, not its default 200 ms: at 1,000 msg/s on 2 cores, young collections every ~1.7 s then
# paused sends 25-70 ms, the whole p99 of the write-path benchmark (bench/README.md, write path, fifth session).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:MaxGCPauseMillis=20", "-XX:SharedArchiveFile=/app/switchboard.jsa", \
            "-jar", "/app/switchboard.jar"]
