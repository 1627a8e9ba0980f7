using CoordinationService.Bench;
using CoordinationService.Bench.Zk;

// Wiring only: the command line builds the options; BenchRunner (.NET client) or ZooKeeperRunner (`zk`,
// the wire protocol) does the work. Ctrl-C cancels the token System.CommandLine passes in, and the
// runners' finally blocks stop whatever server they started.
return await BenchCommand.Create(BenchRunner.RunAsync, ZooKeeperRunner.RunAsync).Parse(args).InvokeAsync();
