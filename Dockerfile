# Builds and runs the one Switchboard jar. Configure with environment variables (see README.md / docs/).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 1001 switchboard && mkdir -p /data && chown switchboard /data
USER switchboard
WORKDIR /app
COPY --from=build /src/app/target/switchboard.jar /app/switchboard.jar
ENV SWITCHBOARD_DATA_DIR=/data
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s CMD ["sh", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080"]
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/switchboard.jar"]
