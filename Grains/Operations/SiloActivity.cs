namespace CoordinationService.Operations;

/// <summary>
/// Whether this silo has finished starting (every participant of the Active stage is up, the
/// ZooKeeper port among them) and has not begun to stop: readiness is never true outside that span.
/// </summary>
public sealed class SiloActivity : ILifecycleParticipant<ISiloLifecycle>
{
    // One step after Active, so it starts after every Active participant and stops before them.
    private const int Stage = ServiceLifecycleStage.Active + 1;
    private volatile bool _active;
    private volatile bool _stopping;

    public bool IsActive => _active && !_stopping;

    public string State => _stopping ? "stopping" : _active ? "active" : "starting";

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloActivity), Stage, _ =>
        {
            _active = true;
            return Task.CompletedTask;
        }, _ =>
        {
            _stopping = true;
            return Task.CompletedTask;
        });
}
