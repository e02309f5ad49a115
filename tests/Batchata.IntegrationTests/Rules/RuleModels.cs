using System.ComponentModel.DataAnnotations;

namespace Batchata.IntegrationTests.Rules;

/// <summary>Seventeen nullable properties: every C# nullable becomes a union type (over Anthropic's 16).</summary>
public sealed record ManyNullables(
    string? A1, string? A2, string? A3, string? A4, string? A5, string? A6, string? A7, string? A8, string? A9,
    string? A10, string? A11, string? A12, string? A13, string? A14, string? A15, string? A16, string? A17);

/// <summary>A recursive type: a tree of nodes.</summary>
public sealed record TreeNode(string Name, List<TreeNode> Children);

/// <summary>Data annotations that become JSON schema keywords OpenAI strict mode refuses (maxLength, minLength).</summary>
public sealed record Tagged([property: StringLength(200)] string Title, [property: MinLength(1)] List<string> Tags);

/// <summary>A title with a length bound the emulated answer cannot meet (enforced locally).</summary>
public sealed record ShortTitle([property: MaxLength(2)] string Title);

/// <summary>A short answer.</summary>
public sealed record Answer(string Text);
