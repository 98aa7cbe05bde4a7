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
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/mailcheck.jsa", "-Xshare:auto", "-Xlog:cds=off", "-XX:MaxRAMPercentage=75", "-jar", "/app/mailcheck.jar"]
CMD ["serve"]
