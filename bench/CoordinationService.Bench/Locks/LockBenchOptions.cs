namespace CoordinationService.Bench.Locks;

/// <param name="Contenders">Sessions taking turns on one lock in the contended workload.</param>
/// <param name="Parallel">Sessions (and wire connections) each locking a lock of its own in the parallel workloads.</param>
public sealed record LockBenchOptions(int Runs, TimeSpan Duration, TimeSpan WarmUp, int Contenders, int Parallel, string ResultsPath)
{
    public IEnumerable<string> Validate()
    {
        if (Runs < 1)
        {
            yield return $"--runs must be at least 1 (was {Runs}).";
        }

        if (Duration <= TimeSpan.Zero || WarmUp < TimeSpan.Zero)
        {
            yield return "--duration must be positive and --warmup not negative.";
        }

        if (Contenders < 2)
        {
            yield return $"--contenders must be at least 2 (was {Contenders}).";
        }

        if (Parallel < 1)
        {
            yield return $"--parallel must be at least 1 (was {Parallel}).";
        }
    }
}
