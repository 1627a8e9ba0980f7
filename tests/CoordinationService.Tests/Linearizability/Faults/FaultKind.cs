namespace CoordinationService.Tests.Linearizability.Faults;

public enum FaultKind
{
    /// <summary>kill -9 of a silo (the leader's first), started again a few seconds later.</summary>
    KillSilo,

    /// <summary>SIGSTOP of a silo (the leader's first) past its failure-detection time, then SIGCONT.</summary>
    PauseSilo,

    /// <summary>pg_ctl stop -m fast of the database every silo uses, started again a few seconds later.</summary>
    RestartPostgres,
}
