using CoordinationService.Bench;
using CoordinationService.Bench.Compare;
using CoordinationService.Bench.Zk;

// Wiring only: the command line builds the options; BenchRunner (.NET client), ZooKeeperRunner (`zk`,
// the wire protocol) or CompareRunner (`compare`, us against Apache ZooKeeper) does the work. Ctrl-C
// cancels the token System.CommandLine passes in, and the runners' finally blocks stop whatever server
// they started.
var command = BenchCommand.Create(BenchRunner.RunAsync, ZooKeeperRunner.RunAsync);
command.Subcommands.Add(CompareCommand.Create(CompareRunner.RunAsync));
return await command.Parse(args).InvokeAsync();
