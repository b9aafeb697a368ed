# One image, three roles (the command picks one; see k8s/ and docker-compose.yml):
#   frontend (default)  WORKDIR /app/frontend  dotnet Quartermaster.ApiFrontend.dll
#   silo                WORKDIR /app/silo      dotnet Quartermaster.Silo.dll
#   migration           WORKDIR /app/silo      dotnet Quartermaster.Silo.dll migrate
# The two hosts are published to separate folders: both ship an appsettings.json (and a web.config) of
# their own, and ASP.NET Core reads appsettings.json from the working directory, so a role must run with
# its own folder as working directory.
#
# The default command is the frontend role (an Orleans client of the silos; README.md for its settings).
# To try it alone, the embedded demo (silo + API in one process, in-memory state, a seeded demo tenant whose
# key it prints): `docker run -p 8080:8080 -e Quartermaster__Hosting=Embedded IMAGE`. It runs only when set so,
# and says loudly that it is a demo.
#
# Read-only root filesystem: supported. The processes write nothing outside /tmp; mount /tmp writable
# (Kubernetes emptyDir, compose tmpfs) for the .NET diagnostics socket (dotnet-counters/-dump/-trace) and
# for ASP.NET Core's buffering of large request bodies. Diagnostics stay enabled on purpose; with /tmp
# read-only the processes still run (verified), only those tools cannot attach.

ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# Restore layer: only the files restore reads, so editing code does not invalidate the package cache.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Grains.Abstractions/Grains.Abstractions.csproj src/Grains.Abstractions/
COPY src/Contracts/Contracts.csproj src/Contracts/
COPY src/Grains/Grains.csproj src/Grains/
COPY src/Persistence/Persistence.csproj src/Persistence/
COPY src/ServiceDefaults/ServiceDefaults.csproj src/ServiceDefaults/
COPY src/Silo/Silo.csproj src/Silo/
COPY src/ApiFrontend/ApiFrontend.csproj src/ApiFrontend/
COPY src/Client/Client.csproj src/Client/
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet restore src/Silo/Silo.csproj && dotnet restore src/ApiFrontend/ApiFrontend.csproj

COPY .editorconfig ./
COPY src/ src/
# tests/Deployment.Tests runs these two lines as they stand here: keep each on one line.
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages dotnet publish src/Silo -c Release -o /app/silo --no-restore -p:UseAppHost=false
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages dotnet publish src/ApiFrontend -c Release -o /app/frontend --no-restore -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime
# ASPNETCORE_HTTP_PORTS: the HTTP port of the API (frontend) and of /livez /readyz /health (silo); the
# health check below reads it. Orleans: silo-to-silo 11111, client gateway 30000 (Orleans__SiloPort,
# Orleans__GatewayPort).
ENV ASPNETCORE_HTTP_PORTS=8080
# Owned by root and not writable by the app user: the code cannot be changed at run time.
COPY --from=build /app /app
# The aspnet image's non-root `app` user (UID/GID 1654); numeric so runAsNonRoot can verify it.
USER 1654:1654
WORKDIR /app/frontend
EXPOSE 8080 11111 30000
# curl/wget are not in the aspnet image: bash's /dev/tcp sends the request. Healthy when /livez answers 200.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "port=\"${ASPNETCORE_HTTP_PORTS:-8080}\"; exec 3<>\"/dev/tcp/127.0.0.1/${port%%[,;]*}\" && printf 'GET /livez HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && read -r _ status _ <&3 && [ \"$status\" = 200 ]"]
CMD ["dotnet", "Quartermaster.ApiFrontend.dll"]
