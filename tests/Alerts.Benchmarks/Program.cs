using Alerts.Benchmarks;
using BenchmarkDotNet.Running;

NewsArticles.ShareCorpusLocation();
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
