using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace KSail.Core.Kubeconfig;

/// <summary>
/// A user's kubeconfig file being changed without losing anything of the user's. The file is read
/// into YamlDotNet's node model (never into KubernetesClient's typed model, which drops fields it
/// does not know: <c>exec.interactiveMode</c>, <c>proxy-url</c>, <c>disable-compression</c>, ...).
/// Each change is made twice: on the node model, and as a splice of the original text at the
/// positions the parser reported, so that every byte outside the changed entries (order, comments,
/// quoting, indentation) stays as written. The spliced text is used only when it parses to exactly
/// the changed node model; otherwise the node model is written (every field kept, comments lost).
/// </summary>
internal sealed class KubeconfigDocument
{
    private static readonly string[] Sections = ["clusters", "users", "contexts"];

    private readonly string text;
    private readonly string newline;
    private readonly YamlMappingNode root;
    private readonly List<Splice> splices = [];
    private readonly HashSet<YamlNode> added = new(ReferenceEqualityComparer.Instance);
    private readonly int originalEnd;
    private bool spliceable;

    private KubeconfigDocument(string text, YamlMappingNode root, bool spliceable)
    {
        this.text = text;
        this.root = root;
        this.spliceable = spliceable;
        newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        originalEnd = text.Length > 0 ? ContentEnd(root) : 0; // where the original mapping ends, before any change
    }

    /// <summary>Whether the text holds no YAML document (it is empty, or comments only).</summary>
    public bool IsEmpty => text.Length == 0;

    /// <summary>Whether any change was made.</summary>
    public bool Changed { get; private set; }

    /// <summary>Reads <paramref name="text"/>; an empty (or comments-only) file is an empty kubeconfig.</summary>
    /// <exception cref="InvalidDataException">The text is not YAML, or not a mapping.</exception>
    public static KubeconfigDocument Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stream = Load(text, source);
        if (stream.Documents.Count == 0)
        {
            return new KubeconfigDocument(string.Empty, new YamlMappingNode(), spliceable: false);
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode mapping)
        {
            throw new InvalidDataException($"{source} is not a kubeconfig: its top level is not a mapping (apiVersion, kind, clusters, ...); fix or move the file");
        }

        return new KubeconfigDocument(text, mapping, spliceable: stream.Documents.Count == 1 && mapping.Style != MappingStyle.Flow);
    }

    /// <summary>The name of a cluster, user or context entry.</summary>
    public static string? NameOf(YamlNode entry) =>
        entry is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode("name"), out var name) && name is YamlScalarNode scalar ? scalar.Value : null;

    /// <summary>The entries of <paramref name="section"/> (clusters, users or contexts).</summary>
    public IReadOnlyList<YamlNode> Entries(string section) =>
        root.Children.TryGetValue(new YamlScalarNode(section), out var value) && value is YamlSequenceNode sequence ? sequence.Children.ToList() : [];

    /// <summary>The current context, or null when none is set.</summary>
    public string? CurrentContext =>
        root.Children.TryGetValue(new YamlScalarNode("current-context"), out var value) && value is YamlScalarNode { Value: { Length: > 0 } name } ? name : null;

    /// <summary>Replaces the entry of <paramref name="section"/> named as <paramref name="entry"/> where it is, or appends it, as kind's merge does.</summary>
    public void Upsert(string section, YamlMappingNode entry)
    {
        var name = NameOf(entry);
        var key = new YamlScalarNode(section);
        if (!root.Children.TryGetValue(key, out var value) || value is not YamlSequenceNode sequence || sequence.Children.Count == 0)
        {
            SetTopLevel(section, new YamlSequenceNode(entry), BlockSequence([entry], KeyColumn(section)));
            return;
        }

        Changed = true;
        var index = sequence.Children.ToList().FindIndex(e => NameOf(e) == name);
        if (sequence.Style == SequenceStyle.Flow || added.Contains(sequence))
        {
            spliceable = false;
        }
        else if (index >= 0)
        {
            var old = sequence.Children[index];
            var start = (int)old.Start.Index;
            Replace(start, ContentEnd(old), Indent(Render(entry), start - LineStart(start)));
        }
        else
        {
            var last = sequence.Children[^1];
            var dash = DashOf(last);
            var column = dash - LineStart(dash);
            Insert(LineEnd(ContentEnd(last)), newline + new string(' ', column) + "- " + Indent(Render(entry), column + 2));
        }

        if (index >= 0)
        {
            sequence.Children[index] = entry;
        }
        else
        {
            sequence.Children.Add(entry);
        }
    }

    /// <summary>Removes the entries of every section named in <paramref name="names"/>.</summary>
    public void Remove(IReadOnlySet<string> names)
    {
        foreach (var section in Sections)
        {
            if (!root.Children.TryGetValue(new YamlScalarNode(section), out var value) || value is not YamlSequenceNode sequence)
            {
                continue;
            }

            var gone = sequence.Children.Where(e => NameOf(e) is { } n && names.Contains(n)).ToList();
            if (gone.Count == 0)
            {
                continue;
            }

            Changed = true;
            if (sequence.Style == SequenceStyle.Flow)
            {
                spliceable = false;
            }
            else if (gone.Count == sequence.Children.Count)
            {
                // The last entries go: the key stays with an empty list, as kubectl writes it.
                var key = root.Children.Keys.First(k => k is YamlScalarNode { Value: var v } && v == section);
                RemoveLines(DashOf(sequence.Children[0]), ContentEnd(sequence.Children[^1]));
                Insert(ColonAfter(key) + 1, " []");
            }
            else
            {
                foreach (var entry in gone)
                {
                    RemoveLines(DashOf(entry), ContentEnd(entry));
                }
            }

            foreach (var entry in gone)
            {
                sequence.Children.Remove(entry);
            }
        }

        if (CurrentContext is { } current && names.Contains(current))
        {
            SetCurrentContext(string.Empty);
        }
    }

    /// <summary>Sets <c>current-context</c> (an empty string clears it, as kind does).</summary>
    public void SetCurrentContext(string name)
    {
        var value = new YamlScalarNode(name);
        if (name.Length == 0)
        {
            value.Style = ScalarStyle.DoubleQuoted;
        }

        SetTopLevel("current-context", value, RenderScalar(value));
    }

    /// <summary>Adds <c>apiVersion: v1</c> and <c>kind: Config</c> when the file has neither (kind does the same for clients that need them).</summary>
    public void EnsureHeader()
    {
        if (!root.Children.ContainsKey(new YamlScalarNode("apiVersion")) && !root.Children.ContainsKey(new YamlScalarNode("kind")))
        {
            SetTopLevel("apiVersion", new YamlScalarNode("v1"), "v1");
            SetTopLevel("kind", new YamlScalarNode("Config"), "Config");
        }
    }

    /// <summary>The changed file: the original text with the changes spliced in, or the node model written out.</summary>
    public string Render()
    {
        if (spliceable && text.Length > 0)
        {
            var spliced = new System.Text.StringBuilder(text);
            foreach (var splice in splices.OrderByDescending(s => s.Start).ThenByDescending(s => s.Late).ThenByDescending(s => s.Order))
            {
                spliced.Remove(splice.Start, splice.End - splice.Start).Insert(splice.Start, splice.Text);
            }

            var candidate = spliced.ToString();
            try
            {
                var reread = Load(candidate, "the changed kubeconfig");
                if (reread.Documents.Count == 1 && Same(reread.Documents[0].RootNode, root))
                {
                    return candidate;
                }
            }
            catch (InvalidDataException)
            {
                // The splice went wrong: the node model below is right.
            }
        }

        return Write(root);
    }

    /// <summary>A kubeconfig's nodes as text, as kubectl writes it (no document-end marker).</summary>
    public static string Write(YamlNode root)
    {
        var document = new YamlStream(new YamlDocument(root));
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        document.Save(writer, assignAnchors: false);
        return Unterminated(writer.ToString());
    }

    /// <summary>Whether two node trees hold the same values (tags, styles and positions aside).</summary>
    internal static bool Same(YamlNode a, YamlNode b) => (a, b) switch
    {
        (YamlScalarNode x, YamlScalarNode y) => (x.Value ?? string.Empty) == (y.Value ?? string.Empty),
        (YamlSequenceNode x, YamlSequenceNode y) => x.Children.Count == y.Children.Count && x.Children.Zip(y.Children).All(p => Same(p.First, p.Second)),
        (YamlMappingNode x, YamlMappingNode y) => x.Children.Count == y.Children.Count
            && x.Children.Zip(y.Children).All(p => Same(p.First.Key, p.Second.Key) && Same(p.First.Value, p.Second.Value)),
        _ => false,
    };

    private static YamlStream Load(string text, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new InvalidDataException($"{source} is not valid YAML at line {ex.Start.Line}, column {ex.Start.Column}: {ex.Message}; fix the file (kubectl cannot read it either)", ex);
        }

        return stream;
    }

    // Sets a top-level key: its value is replaced where it is, or the key is added at the end.
    private void SetTopLevel(string key, YamlNode value, string rendered)
    {
        Changed = true;
        var name = new YamlScalarNode(key);
        if (root.Children.TryGetValue(name, out var old))
        {
            spliceable &= !added.Contains(old);
            var written = root.Children.Keys.First(k => Same(k, name));
            var from = ColonAfter(written) + 1;
            var empty = IsEmptyPlain(old);
            var block = value is YamlSequenceNode;
            Replace(from, empty ? from : ContentEnd(old), block ? rendered : " " + rendered);
        }
        else if (text.Length > 0)
        {
            var separator = value is YamlSequenceNode ? string.Empty : " ";
            // After the entries appended at the same place to the file's last section, which they extend.
            splices.Add(new Splice(LineEnd(originalEnd), LineEnd(originalEnd), newline + new string(' ', KeyColumn(key)) + key + ":" + separator + rendered, splices.Count, Late: true));
        }

        root.Children[name] = value;
        added.Add(value);
    }

    // A block sequence as the value of a key at column, starting on the key's line.
    private string BlockSequence(IEnumerable<YamlMappingNode> entries, int column) =>
        string.Concat(entries.Select(e => newline + new string(' ', column) + "- " + Indent(Render(e), column + 2)));

    private int KeyColumn(string key)
    {
        var written = root.Children.Keys.FirstOrDefault(k => k is YamlScalarNode { Value: var v } && v == key) ?? root.Children.Keys.FirstOrDefault();
        return written is null || text.Length == 0 ? 0 : (int)written.Start.Index - LineStart((int)written.Start.Index);
    }

    private string Render(YamlMappingNode entry) =>
        Write(entry).TrimEnd('\n').Replace("\n", newline, StringComparison.Ordinal);

    private string RenderScalar(YamlScalarNode value)
    {
        var rendered = Render(new YamlMappingNode(new YamlScalarNode("k"), value));
        return rendered["k: ".Length..];
    }

    // Lines after the first start at column (0-based).
    private string Indent(string rendered, int column) =>
        rendered.Replace(newline, newline + new string(' ', column), StringComparison.Ordinal);

    private void Replace(int start, int end, string replacement) => splices.Add(new Splice(start, end, replacement, splices.Count));

    private void Insert(int at, string insertion) => Replace(at, at, insertion);

    // Removes the whole lines from the one of from to the one of to; on a last line without a line
    // break the break before goes instead, so the file ends as it did before an entry was appended.
    private void RemoveLines(int from, int to)
    {
        var start = LineStart(from);
        var end = NextLine(to);
        if (end == text.Length && !text.EndsWith('\n') && start > 0)
        {
            start = text[..(start - 1)].EndsWith('\r') ? start - 2 : start - 1;
        }

        Replace(start, end, string.Empty);
    }

    // Where a node's own text ends: a block collection's end mark lies after trailing comments and
    // blank lines, so it ends where its last value ends.
    // A literal or folded block scalar's end mark lies after its last line break (and the blank lines
    // it keeps): it ends at its last character.
    private int ContentEnd(YamlNode node) => node switch
    {
        YamlMappingNode { Style: not MappingStyle.Flow, Children.Count: > 0 } m => IsEmptyPlain(m.Children.Last().Value) ? ContentEnd(m.Children.Last().Key) : ContentEnd(m.Children.Last().Value),
        YamlSequenceNode { Style: not SequenceStyle.Flow, Children.Count: > 0 } s => ContentEnd(s.Children[^1]),
        YamlScalarNode { Style: ScalarStyle.Literal or ScalarStyle.Folded } => TrimmedEnd((int)node.Start.Index, (int)node.End.Index),
        YamlMappingNode or YamlSequenceNode => FlowEnd((int)node.Start.Index),
        _ => (int)node.End.Index,
    };

    // A flow collection's end mark is not where it ends: after the bracket that closes the one at start.
    private int FlowEnd(int start)
    {
        var depth = 0;
        for (var at = start; at < text.Length; at++)
        {
            switch (text[at])
            {
                case '[' or '{':
                    depth++;
                    break;
                case ']' or '}':
                    if (--depth == 0)
                    {
                        return at + 1;
                    }

                    break;
                case '"' or '\'':
                    var quote = text[at];
                    at++;
                    while (at < text.Length && text[at] != quote)
                    {
                        at += text[at] == '\\' && quote == '"' ? 2 : 1;
                    }

                    break;
            }
        }

        spliceable = false; // no closing bracket: the node model writes the file
        return text.Length;
    }

    private int TrimmedEnd(int start, int end)
    {
        end = Math.Min(end, text.Length);
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return end;
    }

    // A key with nothing after it: the parser places its empty value at the next token.
    private static bool IsEmptyPlain(YamlNode node) => node is YamlScalarNode { Value: null or "", Style: ScalarStyle.Plain or ScalarStyle.Any };

    private int DashOf(YamlNode entry)
    {
        var at = (int)entry.Start.Index - 1;
        while (at >= 0 && text[at] == ' ')
        {
            at--;
        }

        if (at < 0 || text[at] != '-' || text[LineStart(at)..at].Trim().Length > 0)
        {
            spliceable = false;
            return (int)entry.Start.Index;
        }

        return at;
    }

    private int ColonAfter(YamlNode key)
    {
        var at = (int)key.End.Index;
        while (at < text.Length && text[at] == ' ')
        {
            at++;
        }

        if (at >= text.Length || text[at] != ':')
        {
            spliceable = false;
            return (int)key.End.Index;
        }

        return at;
    }

    private int LineStart(int at) => at <= 0 ? 0 : text.LastIndexOf('\n', at - 1) + 1;

    // Where the line after the line of at starts (the text's length on the last line).
    private int NextLine(int at)
    {
        var end = text.IndexOf('\n', Math.Min(at, text.Length));
        return end < 0 ? text.Length : end + 1;
    }

    // The index of the line break that ends the line of at (the text's length on the last line);
    // a \r before it stays with the break.
    private int LineEnd(int at)
    {
        var end = text.IndexOf('\n', Math.Min(at, text.Length));
        end = end < 0 ? text.Length : end;
        return end > 0 && text[end - 1] == '\r' && end - 1 >= at ? end - 1 : end;
    }

    private static string Unterminated(string saved)
    {
        saved = saved.TrimEnd();
        return (saved.EndsWith("\n...", StringComparison.Ordinal) ? saved[..^4] : saved) + "\n"; // no document-end marker, as kubectl writes it
    }

    // Late: a new top-level key, which goes after every other insertion at its place.
    private sealed record Splice(int Start, int End, string Text, int Order, bool Late = false);
}
