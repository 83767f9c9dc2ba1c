#!/usr/bin/env perl
# Prints each failed test of the given .trx files with the start of its message, so the end of a long CI log
# says what failed (the console logger prints it mid-run, among the services' output).
use strict;
use warnings;

sub unescape {
    my ($text) = @_;
    $text =~ s/&#x([0-9A-Fa-f]+);/chr(hex($1))/ge;
    $text =~ s/&lt;/</g; $text =~ s/&gt;/>/g; $text =~ s/&quot;/"/g; $text =~ s/&apos;/'/g; $text =~ s/&amp;/&/g;
    $text =~ s/\r//g;
    return $text;
}

for my $file (@ARGV) {
    open(my $fh, '<', $file) or next;
    my $trx = do { local $/; <$fh> };
    while ($trx =~ /<UnitTestResult\b([^>]*?)(?:\/>|>(.*?)<\/UnitTestResult>)/gs) {
        my ($attributes, $body) = ($1, $2 // '');
        next unless $attributes =~ /\boutcome="Failed"/;
        my ($name) = $attributes =~ /\btestName="([^"]*)"/;
        print "FAILED ", unescape($name // '?'), "\n";
        if ($body =~ /<Message>(.*?)<\/Message>/s) {
            my @lines = split /\n/, unescape($1);
            splice(@lines, 15, scalar(@lines) - 15, '  ...') if @lines > 15;
            print "  $_\n" for @lines;
        }
    }
}
