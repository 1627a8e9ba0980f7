namespace CoordinationService.Gateway.Protocol;

/// <summary>The reserved xids ZooKeeper's ClientCnxn uses for requests and replies outside the normal sequence.</summary>
public static class Xids
{
    public const int Notification = -1;
    public const int Ping = -2;
    public const int Auth = -4;
    public const int SetWatches = -8;
}
