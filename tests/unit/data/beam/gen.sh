#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# gen.sh - rebuild the .beam fixtures of test_beam.c from the sources here
# (run in this directory) and print their MD5s as beam_lib:md5/1 gives
# them, for the table in test_beam.c.  The checked-in files come from
# OTP 25's compiler (erlc 8.2.3).
set -eu
erlc +deterministic plain.erl server.erl sup.erl twovsn.erl latin1.erl
erlc +deterministic +compressed packed.erl
cp server.beam stripped.beam
erl -noshell -eval '
{ok, _} = beam_lib:strip("stripped.beam"),
%% latin1.beam: the AtU8 chunk as an Atom chunk, as OTP 20 wrote it
{ok, latin1, Chunks} = beam_lib:all_chunks("latin1.beam"),
ToLatin1 = fun(<<N:32, Atoms0/binary>>) ->
	Atoms = fun F(<<>>) -> [];
		    F(<<L, A:L/binary, T/binary>>) ->
			B = unicode:characters_to_binary(A, utf8, latin1),
			[<<(byte_size(B)), B/binary>> | F(T)]
		end(Atoms0),
	iolist_to_binary([<<N:32>> | Atoms])
end,
Old = [case C of {"AtU8", D} -> {"Atom", ToLatin1(D)}; _ -> C end
       || C <- Chunks],
{ok, Bin} = beam_lib:build_module(Old),
ok = file:write_file("latin1.beam", Bin),
[begin
	{ok, {_, Md5}} = beam_lib:md5(F),
	Hex = [io_lib:format("~2.16.0b", [X]) || <<X>> <= Md5],
	io:format("~s ~s~n", [F, Hex])
 end || F <- lists:sort(filelib:wildcard("*.beam"))],
halt().'
