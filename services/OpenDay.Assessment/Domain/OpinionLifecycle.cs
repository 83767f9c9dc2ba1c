using OpenDay.Assessment.V1;
using OpenDay.Platform.Grpc;

namespace OpenDay.Assessment.Domain;

/// <summary>
/// The ledger's lifecycle (SPEC.md §3, §五(四)): received → in progress → adopted / partly adopted / not adopted →
/// answered. The responsible unit may hand an opinion back (from received or in progress) with a reason; the recording
/// unit or the county then reassigns it, and it is received again by the new unit. Answered is final.
/// Each rule answers with the reason it refuses (null: allowed), so a handler and a fast test read the same words.
/// </summary>
public static class OpinionLifecycle
{
    public const int MaxExplanation = 2000;
    public const int MaxAnswer = 4000;
    public const int MaxReason = 500;

    /// <summary>The statuses <see cref="MoveRefusal"/> can move to (hand-back and reassignment have their own RPCs).</summary>
    public static readonly OpinionStatus[] Moves =
        [OpinionStatus.InProgress, OpinionStatus.Adopted, OpinionStatus.PartlyAdopted, OpinionStatus.NotAdopted, OpinionStatus.Answered];

    public static IReadOnlyList<OpinionStatus> AllowedFrom(OpinionStatus status) => status switch
    {
        OpinionStatus.Received => [OpinionStatus.InProgress, OpinionStatus.HandedBack],
        OpinionStatus.InProgress => [OpinionStatus.Adopted, OpinionStatus.PartlyAdopted, OpinionStatus.NotAdopted, OpinionStatus.HandedBack],
        OpinionStatus.Adopted or OpinionStatus.PartlyAdopted or OpinionStatus.NotAdopted => [OpinionStatus.Answered],
        OpinionStatus.HandedBack => [OpinionStatus.Received],
        _ => [],
    };

    /// <summary>Why the move from <paramref name="current"/> to <paramref name="to"/> is refused, naming the current status; null when allowed.</summary>
    public static string? MoveRefusal(OpinionStatus current, OpinionStatus to) => (current, to) switch
    {
        (OpinionStatus.Received, OpinionStatus.InProgress) => null,
        (OpinionStatus.InProgress, OpinionStatus.Adopted or OpinionStatus.PartlyAdopted or OpinionStatus.NotAdopted) => null,
        (OpinionStatus.Adopted or OpinionStatus.PartlyAdopted or OpinionStatus.NotAdopted, OpinionStatus.Answered) => null,
        (OpinionStatus.Answered, _) => "The opinion is answered; that is final. 该意见已答复，不能再变更。",
        (OpinionStatus.HandedBack, _) =>
            "The opinion is handed back; the recording unit or the county reassigns it first. 该意见已退回，须由记录单位或县政务公开办公室重新交办。",
        _ => $"The opinion is {Words.Of(current)}; it cannot become {Words.Of(to)}. It can become: " +
             string.Join(", ", AllowedFrom(current).Select(s => Words.Of(s))) + ".",
    };

    public static string? HandBackRefusal(OpinionStatus current) => current is OpinionStatus.Received or OpinionStatus.InProgress
        ? null
        : $"The opinion is {Words.Of(current)}; only a received or in-progress opinion can be handed back.";

    public static string? ReassignRefusal(OpinionStatus current) => current == OpinionStatus.HandedBack
        ? null
        : $"The opinion is {Words.Of(current)}; only an opinion its responsible unit handed back can be reassigned.";

    /// <summary>What a move must say: the explanation of a partial or refused adoption, the answer the public reads.</summary>
    public static FieldViolations CheckTexts(FieldViolations violations, OpinionStatus to, string explanation, string answer) => violations
        .Check(to is not (OpinionStatus.PartlyAdopted or OpinionStatus.NotAdopted) || !string.IsNullOrWhiteSpace(explanation), "explanation",
            "explanation is required when an opinion is partly adopted or not adopted.")
        .Check(explanation.Length <= MaxExplanation, "explanation", $"explanation must be at most {MaxExplanation} characters.")
        .Check(to != OpinionStatus.Answered || !string.IsNullOrWhiteSpace(answer), "answer",
            "answer is required to answer an opinion: it is what the public reads.")
        .Check(answer.Length <= MaxAnswer, "answer", $"answer must be at most {MaxAnswer} characters.");
}
