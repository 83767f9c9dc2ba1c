using OpenDay.Platform.PersonalData;
using OpenDay.Registrations.PersonalData;

namespace OpenDay.Registrations.Tests;

/// <summary>GB 11643-1999 resident identity card numbers, and their masked form.</summary>
public class IdentityCardNumberTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    [Theory]
    [InlineData("11010519491231002X")] // the standard's own example
    [InlineData("11010519491231002x")] // a lower-case x is the same number
    [InlineData("371323198001010019")] // Yishui county, born 1980-01-01
    public void Valid_numbers_pass(string number) => Assert.Null(IdentityCardNumbers.Problem(number, Today));

    [Theory]
    [InlineData("110105194912310021", "check character")]  // 2 where X is due
    [InlineData("110105194902300020", "birth date")]       // 1949-02-30 does not exist
    [InlineData("110105203001010010", "birth date")]       // born in 2030: in the future
    [InlineData("11010519491231002", "18 characters")]
    [InlineData("11010519491231002Y", "18 characters")]
    [InlineData("1101051949123100X2", "18 characters")]
    [InlineData("", "18 characters")]
    public void Invalid_numbers_say_why(string number, string reason) =>
        Assert.Contains(reason, IdentityCardNumbers.Problem(number, Today));

    [Fact]
    public void The_check_character_is_computed_from_the_first_17_digits() =>
        Assert.Equal('X', IdentityCardNumbers.CheckCharacter("11010519491231002"));

    [Fact]
    public void A_masked_number_keeps_the_first_four_and_last_four() =>
        Assert.Equal("1101**********002X", IdentityCardNumbers.Mask("11010519491231002x"));
}
