using CoordinationService.Bench;

// Wiring only: the command line builds BenchOptions; BenchRunner does the work. Ctrl-C cancels the
// token System.CommandLine passes in, and BenchRunner's finally stops the silo it started.
return await BenchCommand.Create(BenchRunner.RunAsync).Parse(args).InvokeAsync();
