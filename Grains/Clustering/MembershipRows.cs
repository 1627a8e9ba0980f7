using System.Data.Common;
using System.Net;
using Npgsql;
using NpgsqlTypes;
using Orleans;
using Orleans.Runtime;

namespace CoordinationService.Clustering;

/// <summary>Maps a <see cref="MembershipEntry"/> to the positional parameters and result columns of <see cref="MembershipSql"/>.</summary>
internal static class MembershipRows
{
    /// <summary>$1–$4: the row's key.</summary>
    public static void AddKey(NpgsqlParameterCollection target, string clusterId, SiloAddress silo)
    {
        Add(target, clusterId);
        Add(target, silo.Endpoint.Address.ToString());
        Add(target, silo.Endpoint.Port);
        Add(target, silo.Generation);
    }

    /// <summary>After the key: every other column of the row, in <see cref="MembershipSql"/>'s order.</summary>
    public static void AddFields(NpgsqlParameterCollection target, MembershipEntry entry)
    {
        Add(target, entry.SiloName ?? string.Empty);
        Add(target, entry.HostName ?? string.Empty);
        Add(target, (int)entry.Status);
        Add(target, entry.ProxyPort);
        target.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)entry.RoleName ?? DBNull.Value });
        Add(target, entry.UpdateZone);
        Add(target, entry.FaultZone);
        Add(target, Utc(entry.StartTime));
        Add(target, Utc(entry.IAmAliveTime));
        target.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)SuspectTimesJson.Write(entry.SuspectTimes) ?? DBNull.Value });
    }

    public static void Add(NpgsqlParameterCollection target, object value) => target.Add(new NpgsqlParameter { Value = value });

    /// <summary>Orleans writes local-kind or unspecified times in places; the column is UTC, as Orleans means them.</summary>
    public static DateTime Utc(DateTime time) => time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);

    /// <summary>Reads the rows of <see cref="MembershipSql.ReadAll"/> or <see cref="MembershipSql.ReadRow"/>.</summary>
    public static async Task<MembershipTableData> ReadTableAsync(DbDataReader reader, CancellationToken ct)
    {
        var members = new List<Tuple<MembershipEntry, string>>();
        TableVersion? version = null;
        while (await reader.ReadAsync(ct))
        {
            version ??= new TableVersion(reader.GetInt32(0), reader.GetInt64(1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (!reader.IsDBNull(2))
            {
                members.Add(Tuple.Create(ReadEntry(reader), reader.GetInt64(2).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        // No version row: the table was never initialised for this cluster, so nothing can match it.
        return new MembershipTableData(members, version ?? new TableVersion(0, "0"));
    }

    private static MembershipEntry ReadEntry(DbDataReader reader) => new()
    {
        SiloAddress = SiloAddress.New(new IPEndPoint(IPAddress.Parse(reader.GetString(3)), reader.GetInt32(4)), reader.GetInt32(5)),
        SiloName = reader.GetString(6),
        HostName = reader.GetString(7),
        Status = (SiloStatus)reader.GetInt32(8),
        ProxyPort = reader.GetInt32(9),
        RoleName = reader.IsDBNull(10) ? null : reader.GetString(10),
        UpdateZone = reader.GetInt32(11),
        FaultZone = reader.GetInt32(12),
        StartTime = reader.GetDateTime(13),
        IAmAliveTime = reader.GetDateTime(14),
        SuspectTimes = SuspectTimesJson.Read(reader.IsDBNull(15) ? null : reader.GetString(15)),
    };
}
