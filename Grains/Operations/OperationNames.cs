using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text;
using CoordinationService.Model;

namespace CoordinationService.Operations;

/// <summary>
/// The attribute values of request metrics in OpenTelemetry's snake_case: the op from the request
/// type (GetDataRequest is "get_data"), the result from ZooKeeper's code name (NoNode is "no_node").
/// Computed once per type and code, so recording a request allocates nothing.
/// </summary>
public static class OperationNames
{
    private static readonly ConcurrentDictionary<Type, string> Ops = new();

    private static readonly FrozenDictionary<ResultCode, string> Results =
        Enum.GetValues<ResultCode>().ToFrozenDictionary(code => code, code => SnakeCase(code.ToString()));

    public static string Of(Type requestType) =>
        Ops.GetOrAdd(requestType, static type => SnakeCase(type.Name.EndsWith("Request", StringComparison.Ordinal) ? type.Name[..^"Request".Length] : type.Name));

    public static string Of(ResultCode code) => Results.TryGetValue(code, out var name) ? name : ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string SnakeCase(string pascal)
    {
        var text = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            // A new word starts at an upper-case letter after a lower-case one, or before a lower-case one in a run ("ACL" stays one word).
            if (char.IsUpper(c) && i > 0 && (char.IsLower(pascal[i - 1]) || (i + 1 < pascal.Length && char.IsLower(pascal[i + 1]) && char.IsUpper(pascal[i - 1]))))
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }
}
