using Npgsql;

namespace Quartermaster.Bench.Baselines;

/// <summary>Creates each engine's schema and tables if they are missing; safe to run again and from several processes.</summary>
internal static class BaselineSchema
{
    public static async Task CreateAsync(NpgsqlDataSource database, IEnumerable<BaselineTables> engines, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // CREATE ... IF NOT EXISTS alone still races on the catalog when two processes start at once.
        await using (var guard = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('quartermaster.bench.baselines'))", connection))
        {
            await guard.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var tables in engines)
        {
            await using var ddl = new NpgsqlCommand(Ddl(tables), connection);
            await ddl.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    // No CHECK (reserved <= on_hand) as Quartermaster has: an oversell must stay visible to the invariant check
    // instead of turning into an error, so each baseline is judged on what its mechanism actually lets happen.
    private static string Ddl(BaselineTables t) => $"""
        CREATE SCHEMA IF NOT EXISTS {t.Schema};

        CREATE TABLE IF NOT EXISTS {t.Items} (
            tenant_id     text COLLATE "C" NOT NULL,
            sku           text COLLATE "C" NOT NULL,
            warehouse_id  text COLLATE "C" NOT NULL,
            on_hand       bigint NOT NULL,
            reserved      bigint NOT NULL,
            last_seq      bigint NOT NULL,
            PRIMARY KEY (tenant_id, sku, warehouse_id)
        );

        CREATE TABLE IF NOT EXISTS {t.Ledger} (
            tenant_id       text COLLATE "C" NOT NULL,
            sku             text COLLATE "C" NOT NULL,
            warehouse_id    text COLLATE "C" NOT NULL,
            seq             bigint NOT NULL,
            movement_id     text COLLATE "C" NOT NULL,
            entry_type      text NOT NULL,
            quantity        bigint NOT NULL,
            on_hand_after   bigint NOT NULL,
            reserved_after  bigint NOT NULL,
            at              timestamptz NOT NULL,
            PRIMARY KEY (tenant_id, sku, warehouse_id, seq),
            UNIQUE (tenant_id, sku, warehouse_id, entry_type, movement_id)
        );

        CREATE TABLE IF NOT EXISTS {t.Holds} (
            tenant_id     text COLLATE "C" NOT NULL,
            sku           text COLLATE "C" NOT NULL,
            warehouse_id  text COLLATE "C" NOT NULL,
            hold_id       text COLLATE "C" NOT NULL,
            quantity      bigint NOT NULL,
            expires_at    timestamptz,
            status        text NOT NULL,
            PRIMARY KEY (tenant_id, sku, warehouse_id, hold_id)
        );

        CREATE TABLE IF NOT EXISTS {t.Orders} (
            tenant_id           text COLLATE "C" NOT NULL,
            order_id            text COLLATE "C" NOT NULL,
            status              text NOT NULL,
            customer_ref        text,
            line_skus           text[] NOT NULL,
            line_warehouse_ids  text[] NOT NULL,
            line_quantities     bigint[] NOT NULL,
            created_at          timestamptz NOT NULL,
            updated_at          timestamptz NOT NULL,
            expires_at          timestamptz,
            PRIMARY KEY (tenant_id, order_id)
        );
        """;
}
