using CoordinationService.Grains;

namespace CoordinationService.Watches;

/// <summary>The kinds of watch one session holds on one path, as flags.</summary>
[Flags]
internal enum WatchSet
{
    None = 0,
    Data = 1,
    Exist = 2,
    Child = 4,
    Persistent = 8,
    PersistentRecursive = 16,
    All = Data | Exist | Child | Persistent | PersistentRecursive,
}

internal static class WatchKindExtensions
{
    public static WatchSet ToSet(this WatchKind kind) => kind switch
    {
        WatchKind.Data => WatchSet.Data,
        WatchKind.Exist => WatchSet.Exist,
        WatchKind.Child => WatchSet.Child,
        WatchKind.Persistent => WatchSet.Persistent,
        WatchKind.PersistentRecursive => WatchSet.PersistentRecursive,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
