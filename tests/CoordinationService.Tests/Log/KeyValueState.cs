using System.Text.Json;
using CoordinationService.Txns;

namespace CoordinationService.Tests.Log;

/// <summary>A stand-in for the tree: enough state that a lost, repeated or reordered txn shows.</summary>
internal sealed class KeyValueState
{
    private readonly SortedDictionary<string, string> _values = new(StringComparer.Ordinal);

    public void Apply(TxnRecord record)
    {
        // Recording the zxid too makes the outcome depend on order, not just on the last write per key.
        if (record.Body is SetDataTxn set)
        {
            _values[set.Path] = $"{Convert.ToHexString(set.Data)}@{record.Zxid}";
        }

        _values["zxid"] = record.Zxid.ToString();
    }

    public byte[] ToSnapshot() => JsonSerializer.SerializeToUtf8Bytes(_values);

    public static KeyValueState FromSnapshot(byte[] snapshot)
    {
        var state = new KeyValueState();
        foreach (var (key, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(snapshot) ?? [])
        {
            state._values[key] = value;
        }

        return state;
    }

    public string Digest() => JsonSerializer.Serialize(_values);
}
