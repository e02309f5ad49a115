using Batchata;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Batchata in a service collection.</summary>
public static class BatchataServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IBatchFactory"/>, <see cref="BatchataOptions"/> and one named <see cref="HttpClient"/> per
    /// provider (<see cref="BatchataHttpClients"/>; add handlers to them with <c>services.AddHttpClient(name)</c>).
    /// Batches use the container's <c>ILoggerFactory</c> and <see cref="TimeProvider"/> when registered.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Changes the options (after configuration binding), or null.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddBatchata(this IServiceCollection services, Action<BatchataOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<BatchataOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        foreach (var name in new[] { BatchataHttpClients.Anthropic, BatchataHttpClients.OpenAI, BatchataHttpClients.Gemini })
        {
            // A provider batch is polled for hours and its results stream for minutes: no overall client timeout.
            services.AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan);
        }

        services.TryAddSingleton<IBatchFactory>(sp => new DefaultBatchFactory(
            sp.GetRequiredService<Options.IOptionsMonitor<BatchataOptions>>(),
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetService<Logging.ILoggerFactory>(),
            sp.GetService<TimeProvider>()));
        return services;
    }

    /// <summary>Registers Batchata (see <see cref="AddBatchata(IServiceCollection, Action{BatchataOptions}?)"/>) with its options bound from <paramref name="configuration"/> (for example <c>configuration.GetSection("Batchata")</c>).</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration section holding <see cref="BatchataOptions"/>.</param>
    /// <param name="configure">Changes the options after binding, or null.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddBatchata(this IServiceCollection services, IConfiguration configuration, Action<BatchataOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<BatchataOptions>().Bind(configuration);
        return services.AddBatchata(configure);
    }
}
