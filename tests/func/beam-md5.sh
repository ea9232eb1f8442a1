# SPDX-License-Identifier: GPL-2.0-or-later
# beam-md5 - erlrc's .beam reader against beam_lib, on every .beam of the
# installed OTP: the MD5 (beam_lib:md5/1), the exports and the imports
# (beam_lib:chunks/2) must be the same for each file.
. "$ERLRC_TOP/tests/lib.sh"

find /usr/lib/erlang/lib -name '*.beam' | LC_ALL=C sort >"$T/list"
n=$(wc -l <"$T/list")
[ "$n" -ge 500 ] || fail "only $n .beam files found under /usr/lib/erlang/lib"

# erlrc: "FILE MD5", "FILE export F/A", "FILE import M:F/A"
xargs -d '\n' "$ERLRC_BUILD/tests/beaminfo" -s <"$T/list" >"$T/erlrc" \
    2>"$T/erlrc.err"
st=$?
[ "$st" -eq 0 ] || {
	fail "beaminfo exited $st"
	sed 's/^/  stderr: /' "$T/erlrc.err"
}

# beam_lib: the same lines, from one node for all the files
code='
{ok, L} = file:read_file(os:getenv("BEAM_LIST")),
Files = [binary_to_list(F)
	 || F <- binary:split(L, <<"\n">>, [global, trim_all])],
Hex = fun(B) -> [io_lib:format("~2.16.0b", [X]) || <<X>> <= B] end,
Info = fun(F) ->
	case {beam_lib:md5(F), beam_lib:chunks(F, [exports, imports])} of
	{{ok, {_, Md5}}, {ok, {_, [{exports, Es}, {imports, Is}]}}} ->
		[F, " ", Hex(Md5), "\n",
		 [io_lib:format("~ts export ~ts/~b~n", [F, atom_to_list(N), A])
		  || {N, A} <- Es],
		 [io_lib:format("~ts import ~ts:~ts/~b~n",
				[F, atom_to_list(M), atom_to_list(N), A])
		  || {M, N, A} <- Is]];
	Error ->
		io_lib:format("~ts beam_lib: ~tp~n", [F, Error])
	end
end,
Out = unicode:characters_to_binary([Info(F) || F <- Files]),
ok = file:write_file(os:getenv("BEAM_OUT"), Out),
halt().'
BEAM_LIST=$T/list BEAM_OUT=$T/beam_lib erl -noshell -eval "$code" \
    </dev/null >"$T/erl.out" 2>&1
st=$?
[ "$st" -eq 0 ] || {
	fail "erl exited $st"
	sed 's/^/  erl: /' "$T/erl.out"
}

LC_ALL=C sort "$T/erlrc" >"$T/erlrc.sorted"
LC_ALL=C sort "$T/beam_lib" >"$T/beam_lib.sorted"
md5s=$(grep -c '^[^ ]* [0-9a-f]\{32\}$' "$T/beam_lib.sorted")
[ "$md5s" -eq "$n" ] || fail "beam_lib gave $md5s MD5s for $n files"
diff "$T/beam_lib.sorted" "$T/erlrc.sorted" >"$T/diff"
# the files the two disagree on, whatever the line
bad=$(grep '^[<>]' "$T/diff" | cut -d' ' -f2 | LC_ALL=C sort -u | wc -l)
if [ "$bad" -ne 0 ]; then
	fail "erlrc and beam_lib disagree on $bad of $n files"
	head -n 40 "$T/diff" | sed 's/^/  /'
fi
echo "beam-md5: $n files compared, $bad disagreements"
finish
