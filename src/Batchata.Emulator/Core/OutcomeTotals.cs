namespace Batchata.Emulator.Core;

/// <summary>
/// Sums over outcomes of a batch: how many ended in an error, the prompt tokens of all of them (what a provider
/// counts as enqueued), and the prompt (cached included), cached prompt and output tokens of the succeeded ones
/// (what is billed).
/// </summary>
internal readonly record struct OutcomeTotals(int Errored, long Prompt, long Input, long CachedInput, long Output)
{
    /// <summary>These totals with one more outcome.</summary>
    public OutcomeTotals With(bool isError, int input, int cachedInput, int output) => isError
        ? this with { Errored = Errored + 1, Prompt = Prompt + input }
        : new(Errored, Prompt + input, Input + input, CachedInput + cachedInput, Output + output);
}
