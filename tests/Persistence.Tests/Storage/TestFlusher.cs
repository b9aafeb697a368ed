using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartermaster.Persistence.Storage.GroupCommit;

namespace Quartermaster.Persistence.Tests.Storage;

internal static class TestFlusher
{
    public static WriteFlusher For(NpgsqlDataSource source, int maxFlushesInFlight = 4) =>
        new(source, Options.Create(new GroupCommitOptions { MaxFlushesInFlight = maxFlushesInFlight }), NullLogger<WriteFlusher>.Instance);
}
