using CoordinationService.Tests.Cluster;

namespace CoordinationService.Tests.Locks;

/// <summary>The lock contract on the embedded mode: three in-process silos sharing one SQLite log.</summary>
[Collection(ClusterCollection.Name)]
public sealed class EmbeddedLockTests(EmbeddedLockTestBed bed) : LockContract(bed), IClassFixture<EmbeddedLockTestBed>
{
    protected override int AcquisitionsPerClient => 200;
}
