using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Batchata;

/// <summary>
/// The fingerprint of a job: a SHA-256 over everything that decides what is sent — model, messages (with their
/// parts' bytes), the attached file's name, kind and content hash, max_tokens, temperature, schema, citations, cache
/// prefix and extra parameters. Not the id, the token estimate or the file's path (moving a file changes nothing sent).
/// A run that meets a stored job with the same id and another fingerprint knows the job was changed.
/// </summary>
internal static class JobFingerprint
{
    private static readonly System.Text.Json.Serialization.Metadata.JsonTypeInfo<Canonical> CanonicalInfo = CreateInfo();

    /// <summary>Computes the fingerprint of <paramref name="job"/> (its file's hash must already be set when it has one).</summary>
    public static string Compute(JobRequest job)
    {
        var canonical = new Canonical(
            job.Model,
            job.Messages,
            job.File is { } f ? new CanonicalFile(System.IO.Path.GetFileName(f.Path), f.Kind, f.MediaType, f.Sha256) : null,
            job.MaxTokens,
            job.Temperature,
            job.ResponseSchema?.GetRawText(),
            job.ResponseTypeName,
            job.EnableCitations,
            job.CachePrefix,
            job.AdditionalParams?.GetRawText());
        var bytes = JsonSerializer.SerializeToUtf8Bytes(canonical, CanonicalInfo);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>The SHA-256 (hex) of a file's content.</summary>
    /// <exception cref="BatchValidationException">The file cannot be read.</exception>
    public static string HashFile(string path, string? jobId)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw FileErrors.Unreadable(path, jobId, ex);
        }
    }

    /// <summary>The fingerprint of a definition stored before fingerprints were kept: its file is hashed as it is now (null when it is gone).</summary>
    public static string? ComputeLegacy(JobRequest job)
    {
        if (job.File is { Sha256: null } file)
        {
            try
            {
                using var stream = File.OpenRead(file.Path);
                job = job with { File = file with { Sha256 = Convert.ToHexStringLower(SHA256.HashData(stream)) } };
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        return Compute(job);
    }

    private static System.Text.Json.Serialization.Metadata.JsonTypeInfo<Canonical> CreateInfo()
    {
        var options = new JsonSerializerOptions
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            TypeInfoResolver = BatchataJsonContext.Default,
        };
        BatchataJsonContext.AddSnakeCaseEnums(options.Converters);
        options.MakeReadOnly();
        return (System.Text.Json.Serialization.Metadata.JsonTypeInfo<Canonical>)options.GetTypeInfo(typeof(Canonical));
    }

    internal sealed record CanonicalFile(string Name, JobFileKind Kind, string MediaType, string? Sha256);

    internal sealed record Canonical(
        string Model,
        IReadOnlyList<JobMessage> Messages,
        CanonicalFile? File,
        int MaxTokens,
        double? Temperature,
        string? Schema,
        string? SchemaName,
        bool Citations,
        bool CachePrefix,
        string? Params);
}
