// Stand-in for Microsoft.Azure.Functions.Worker's FunctionsApplication / FunctionsApplicationBuilder.
// It builds an ordinary host whose only job is to say that this build cannot host functions.
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Microsoft.Azure.Functions.Worker.Builder
{
    public static class FunctionsApplication
    {
        public static FunctionsApplicationBuilder CreateBuilder(string[] args) => new(args);
    }

    public class FunctionsApplicationBuilder : IHostApplicationBuilder
    {
        private readonly HostApplicationBuilder _builder;

        internal FunctionsApplicationBuilder(string[]? args)
        {
            var configuration = new ConfigurationManager();
            configuration.AddEnvironmentVariables("AZURE_FUNCTIONS_");
            _builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { Args = args, Configuration = configuration });
        }

        public IDictionary<object, object> Properties => ((IHostApplicationBuilder)_builder).Properties;

        IConfigurationManager IHostApplicationBuilder.Configuration => Configuration;

        public ConfigurationManager Configuration => _builder.Configuration;

        public IHostEnvironment Environment => _builder.Environment;

        public ILoggingBuilder Logging => _builder.Logging;

        public IMetricsBuilder Metrics => _builder.Metrics;

        public IServiceCollection Services => _builder.Services;

        public IHost Build()
        {
            _builder.Services.AddHostedService<StandInNotice>();
            return _builder.Build();
        }

        public void ConfigureContainer<TContainerBuilder>(IServiceProviderFactory<TContainerBuilder> factory, Action<TContainerBuilder>? configure = null)
            where TContainerBuilder : notnull
            => _builder.ConfigureContainer(factory, configure);
    }

    internal sealed class StandInNotice(ILogger<StandInNotice> logger, IHostApplicationLifetime lifetime) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            logger.LogError(
                "This is the stand-in build of the function app: the Azure Functions worker packages were not available when it was built, " +
                "so it can compile and unit-test the functions but cannot host them. Run the pipeline with './alerts run', " +
                "or build on a machine whose NuGet feed has Microsoft.Azure.Functions.Worker to get a deployable app.");
            System.Environment.ExitCode = 2;
            lifetime.StopApplication();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
