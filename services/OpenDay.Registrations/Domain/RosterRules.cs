namespace OpenDay.Registrations.Domain;

/// <summary>The notice's rules on the confirmed roster (§四, SPEC.md §3), as arithmetic a fast test can call.</summary>
public static class RosterRules
{
    /// <summary>⌈confirmed × numerator / denominator⌉, in integers so that 30 × 1/3 is exactly 10.</summary>
    public static int RequiredPublicRepresentatives(int confirmed, int numerator, int denominator) =>
        denominator <= 0 ? 0 : (confirmed * numerator + denominator - 1) / denominator;

    /// <summary>Why one more person may not be confirmed; null when they may.</summary>
    public static string? ConfirmationRefusal(int capacity, int confirmed, int confirmedPublic, bool isPublicRepresentative,
        bool keepShare, int numerator, int denominator)
    {
        if (confirmed >= capacity)
        {
            return $"The event is full: {confirmed} of {capacity} seats are confirmed.";
        }
        if (keepShare && !isPublicRepresentative)
        {
            var required = RequiredPublicRepresentatives(confirmed + 1, numerator, denominator);
            if (confirmedPublic < required)
            {
                return $"Confirming one more person who is not a public representative would leave {confirmedPublic} public " +
                       $"representatives of {confirmed + 1}, below the {numerator}/{denominator} share ({required} required).";
            }
        }
        return null;
    }
}
