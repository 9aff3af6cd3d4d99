using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/AnswerEngine.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
