using CoordinationService.Cli;

// Wiring only: CoordCommand defines the commands and maps every outcome to a documented exit code.
return await CoordCommand.RunAsync(args);
