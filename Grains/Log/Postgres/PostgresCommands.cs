using System.Data.Common;
using CoordinationService.Model;
using CoordinationService.Txns;
using Npgsql;

namespace CoordinationService.Log.Postgres;

/// <summary>Small builders and readers shared by the statements of <see cref="PostgresTransactionLog"/>.</summary>
internal static class PostgresCommands
{
    public static NpgsqlBatchCommand Batch(string sql, params object[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        Add(command.Parameters, parameters);
        return command;
    }

    public static NpgsqlBatchCommand InsertTxn(Zxid zxid, byte[] body) =>
        Batch(PostgresLogSql.InsertTxn, zxid.Value, body, (long)LogChecksum.Compute(body));

    /// <summary>Positional parameters, typed by Npgsql from their CLR values.</summary>
    public static void Add(NpgsqlParameterCollection target, params object[] parameters)
    {
        foreach (var value in parameters)
        {
            target.Add(new NpgsqlParameter { Value = value });
        }
    }

    /// <summary>The batch as three parallel arrays, the shape <c>unnest</c> turns back into rows.</summary>
    public static (long[] Zxids, byte[][] Bodies, long[] Crcs) EncodeRows(IReadOnlyList<TxnRecord> txns)
    {
        var zxids = new long[txns.Count];
        var bodies = new byte[txns.Count][];
        var crcs = new long[txns.Count];
        for (var i = 0; i < txns.Count; i++)
        {
            zxids[i] = txns[i].Zxid.Value;
            bodies[i] = TxnCodec.Encode(txns[i]);
            crcs[i] = LogChecksum.Compute(bodies[i]);
        }

        return (zxids, bodies, crcs);
    }

    public static async Task<LogState> ReadStateAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var select = new NpgsqlCommand(PostgresLogSql.SelectState, connection);
        await using var reader = await select.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            throw new LogCorruptedException(Zxid.Zero, "the ensemble row is missing");
        }

        return ReadState(reader);
    }

    /// <summary>Columns 0–2: current_epoch, compacted_to, max(zxid) or NULL.</summary>
    public static LogState ReadState(DbDataReader reader)
    {
        var maxStored = reader.IsDBNull(2) ? Zxid.Zero : new Zxid(reader.GetInt64(2));
        return new LogState(reader.GetInt64(0), new Zxid(reader.GetInt64(1)), maxStored);
    }
}
