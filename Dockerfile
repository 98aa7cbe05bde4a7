# syntax=docker/dockerfile:1
# Build: the full JDK and Maven; run: a small JRE image as an unprivileged user.
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:21-jre-alpine
RUN addgroup -S mailcheck && adduser -S -G mailcheck -h /app mailcheck
WORKDIR /app
COPY --from=build /src/target/mailcheck.jar /app/mailcheck.jar
# A class-data sharing archive from a training run of the offline demo: faster start of every command.
RUN java -XX:ArchiveClassesAtExit=/app/mailcheck.jsa -jar /app/mailcheck.jar demo > /dev/null \
 && chown -R mailcheck:mailcheck /app
USER mailcheck
# HTTP mode listens here; Socket Mode serves /healthz here.
EXPOSE 3000
# /healthz answers 200 while the bot takes commands and 503 while it stops. A bot started with
# --port or --admin-port other than 3000 needs `docker run --health-cmd` with its port.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD wget -q -O /dev/null http://127.0.0.1:3000/healthz || exit 1
# The image exists to run the bot, so it starts the JVM as `bin/mailcheck serve` does: tiered
# compilation, G1 even with one CPU, the heap bounded by the container's memory limit (an -Xmx in
# JDK_JAVA_OPTIONS takes precedence over the percentage), and an exit on OutOfMemoryError so that
# the restart policy replaces a bot that can no longer work.
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/mailcheck.jsa", "-Xshare:auto", "-Xlog:cds=off", "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError", "-XX:MaxRAMPercentage=75", "-jar", "/app/mailcheck.jar"]
CMD ["serve"]
