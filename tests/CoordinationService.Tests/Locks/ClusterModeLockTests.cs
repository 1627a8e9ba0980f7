using CoordinationService.Tests.Cluster;

namespace CoordinationService.Tests.Locks;

/// <summary>The lock contract on cluster mode: three silo processes on one PostgreSQL.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterModeLockTests(ClusterModeLockTestBed bed) : LockContract(bed), IClassFixture<ClusterModeLockTestBed>
{
    protected override int AcquisitionsPerClient => 200;
}
