namespace CoordinationService.Gateway.Protocol;

/// <summary>A jute record that can write itself.</summary>
public interface IJuteRecord
{
    void Write(JuteWriter writer);
}

/// <summary>A jute record that can also be read, so codecs and tests can treat records alike.</summary>
public interface IJuteRecord<TSelf> : IJuteRecord
    where TSelf : IJuteRecord<TSelf>
{
    static abstract TSelf Read(ref JuteReader reader);
}
