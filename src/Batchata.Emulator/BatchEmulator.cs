using System.Net;
using Batchata.Emulator.Anthropic;
using Batchata.Emulator.Gemini;
using Batchata.Emulator.Http;
using Batchata.Emulator.Models;
using Batchata.Emulator.OpenAI;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Batchata.Emulator;

/// <summary>An in-process HTTP emulator of the Anthropic, OpenAI and Gemini batch APIs, bound to 127.0.0.1.</summary>
public sealed class BatchEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorState _state;
    private readonly List<ICancelAll> _cancelers;

    private BatchEmulator(WebApplication app, EmulatorState state, List<ICancelAll> cancelers)
    {
        _app = app;
        _state = state;
        _cancelers = cancelers;
    }

    /// <summary>Gets the root URL, e.g. <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseUrl => _state.BaseUrl;

    /// <summary>Gets the Anthropic base URL (the root; clients append <c>/v1/messages/batches</c>).</summary>
    public Uri AnthropicBaseUrl => _state.BaseUrl;

    /// <summary>Gets the OpenAI base URL (root + <c>v1/</c>, the OpenAI convention).</summary>
    public Uri OpenAIBaseUrl => new(_state.BaseUrl, "v1/");

    /// <summary>Gets the Gemini base URL (the root; clients append <c>/v1beta/...</c>).</summary>
    public Uri GeminiBaseUrl => _state.BaseUrl;

    /// <summary>Gets the API key clients must send.</summary>
    public string ApiKey => _state.Options.ApiKey;

    /// <summary>Gets how many batches a queue limit refused so far: creates answered 429 (Anthropic, Gemini) and OpenAI batches failed with <c>token_limit_exceeded</c>.</summary>
    public int QueueRefusals => _state.QueueRefusals;

    /// <summary>
    /// Gets how many faults were injected so far, by kind: the transient statuses (<c>RateLimited</c>, <c>ServerError</c>,
    /// <c>Unavailable</c>, <c>Overloaded</c>), <c>abort</c>, <c>stall</c>, <c>lost_create_answer</c> and <c>truncated_stream</c>.
    /// </summary>
    public IReadOnlyDictionary<string, int> InjectedFaults => _state.InjectedFaults();

    /// <summary>Gets every batch created so far, in creation order.</summary>
    public IReadOnlyList<EmulatedBatch> CreatedBatches => _state.Batches();

    /// <summary>
    /// The configuration keys that point a Batchata application at this emulator in one call:
    /// <c>builder.Configuration.AddInMemoryCollection(emulator.BatchataSettings())</c> before <c>AddBatchata(...)</c>
    /// binds <c>Batchata:Anthropic|OpenAI|Gemini:ApiKey</c> and <c>:BaseUrl</c> (and <c>:PollInterval</c> when given).
    /// Plain key/value pairs, so the emulator does not depend on the library.
    /// </summary>
    /// <param name="section">The configuration section of the Batchata options.</param>
    /// <param name="pollInterval">How often the library should poll the emulator, or null for the library's default.</param>
    /// <returns>The keys and values.</returns>
    public IReadOnlyDictionary<string, string?> BatchataSettings(string section = "Batchata", TimeSpan? pollInterval = null)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (provider, url) in new[] { ("Anthropic", AnthropicBaseUrl), ("OpenAI", OpenAIBaseUrl), ("Gemini", GeminiBaseUrl) })
        {
            settings[$"{section}:{provider}:ApiKey"] = ApiKey;
            settings[$"{section}:{provider}:BaseUrl"] = url.AbsoluteUri;
            if (pollInterval is { } poll)
            {
                settings[$"{section}:{provider}:PollInterval"] = poll.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return settings;
    }

    /// <summary>Gets how many OpenAI calls were refused with 429 <c>insufficient_quota</c> (<see cref="FaultOptions.QuotaExhausted"/>).</summary>
    public int QuotaRejections => _state.QuotaRejections;

    /// <summary>Starts an emulator on 127.0.0.1.</summary>
    /// <param name="options">The settings; <see langword="null"/> for defaults.</param>
    /// <param name="cancellationToken">A token that cancels the start.</param>
    /// <returns>The running emulator.</returns>
    public static async Task<BatchEmulator> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EmulatorOptions();
        var state = new EmulatorState(options);
        // An empty builder: no configuration files and so no file watcher. A default builder watches its content
        // root (the current directory) recursively for appsettings changes; with a run writing 100,000 result files
        // under it, that watcher alone costs CPU and memory.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore();
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, NoopHostLifetime>();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, options.Port);
            k.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        var anthropic = new AnthropicHandler(state);
        var openai = new OpenAIHandler(state);
        var gemini = new GeminiHandler(state);
        var router = new EmulatorRouter(state, [new ModelsHandler(state, anthropic, openai), anthropic, openai, gemini]);
        app.Run(router.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        state.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return new BatchEmulator(app, state, [anthropic, openai, gemini]);
    }

    /// <summary>Requests a cancel of every batch that is still running.</summary>
    public void CancelAll()
    {
        foreach (var canceler in _cancelers)
        {
            canceler.CancelAll();
        }
    }

    /// <summary>Stops the server.</summary>
    /// <returns>A task that completes when the server stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _state.Dispose();
    }
}
