using CoordinationService.Tests.Cluster;

namespace CoordinationService.Tests.Locks;

/// <summary>The lock contract on cluster mode: three silo processes on one PostgreSQL.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterModeLockTests(ClusterModeLockTestBed bed) : LockContract(bed), IClassFixture<ClusterModeLockTestBed>
{
    // Half the embedded count: every hand-over costs three PostgreSQL commits between processes, and
    // 8 x 100 hand-overs already interleave every client with every other many times over.
    protected override int AcquisitionsPerClient => 100;
}
