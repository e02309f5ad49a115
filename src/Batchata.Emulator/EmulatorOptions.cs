using Microsoft.Extensions.Logging;

namespace Batchata.Emulator;

/// <summary>Settings for a <see cref="BatchEmulator"/> instance.</summary>
public sealed class EmulatorOptions
{
    /// <summary>Gets or sets the API key clients must send. <value>The default value is <c>emulator-key</c>.</value></summary>
    public string ApiKey { get; set; } = "emulator-key";

    /// <summary>Gets or sets the TCP port to bind on 127.0.0.1. <value>The default value is 0 (any free port).</value></summary>
    public int Port { get; set; }

    /// <summary>
    /// Gets or sets the base of the latency model: the time from create until a batch of no requests would end; a batch
    /// of n requests ends after <c>ProcessingLatency + n × PerRequestLatency</c>. <value>The default value is zero.</value>
    /// </summary>
    public TimeSpan ProcessingLatency { get; set; } = TimeSpan.Zero;

    /// <summary>Gets or sets the latency each request adds to its batch (see <see cref="ProcessingLatency"/>). <value>The default value is zero.</value></summary>
    public TimeSpan PerRequestLatency { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Gets or sets OpenAI's enqueued-token limit per model: the prompt tokens of one model's batches that have not
    /// ended may not exceed it. A batch that would go over fails at validation with
    /// <c>errors.data[].code = "token_limit_exceeded"</c>, as the real API does; nothing is billed.
    /// <value>The default value is <see langword="null"/> (no limit).</value>
    /// </summary>
    public long? EnqueuedTokenLimit { get; set; }

    /// <summary>
    /// Gets or sets the Anthropic and Gemini batch queue limit, in requests: the requests of one provider's batches
    /// that have not ended may not exceed it; a create that would go over is answered 429 in the provider's error
    /// envelope and creates nothing. <value>The default value is <see langword="null"/> (no limit).</value>
    /// </summary>
    public int? QueueLimit { get; set; }

    /// <summary>Gets or sets the clock used for every state transition. <value>The default value is <see cref="TimeProvider.System"/>.</value></summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets the seed of all randomness (result order, faults). <value>The default value is 42.</value></summary>
    public int Seed { get; set; } = 42;

    /// <summary>Gets or sets the fault injection settings.</summary>
    public FaultOptions Faults { get; set; } = new();

    /// <summary>
    /// Gets or sets the models the models endpoints list (each provider sees its own). The list is read on every
    /// request, so tests may change it between calls. <value>The default value is <see cref="EmulatedModel.BuiltIn"/>.</value>
    /// </summary>
    public IList<EmulatedModel> Models { get; set; } = EmulatedModel.BuiltIn();

    /// <summary>
    /// Gets or sets a JSON file of models (see <see cref="EmulatedModel.ListFromJson"/>) that replaces <see cref="Models"/>;
    /// it is read on every models request, so editing it changes what the next request sees.
    /// <value>The default value is <see langword="null"/> (use <see cref="Models"/>).</value>
    /// </summary>
    public string? ModelsFile { get; set; }

    /// <summary>Gets or sets the logger factory; <see langword="null"/> means no logging output.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
