%% consult-compare - for each line "ORIG<TAB>COPY<TAB>STATUS" of the list
%% file: when file:consult(ORIG) succeeds, termcat must have succeeded
%% (STATUS 0) and file:consult(COPY) must return an equal list of terms;
%% when it fails, termcat must have failed too.  Prints one line per
%% disagreement and "compared N files, M disagreements"; halts 1 on any.
-mode(compile).

main([ListFile]) ->
    {ok, Bin} = file:read_file(ListFile),
    Lines = [L || L <- binary:split(Bin, <<"\n">>, [global]), L =/= <<>>],
    Bad = lists:foldl(fun check/2, 0, Lines),
    io:format("compared ~b files, ~b disagreements~n", [length(Lines), Bad]),
    halt(case Bad of 0 -> 0; _ -> 1 end).

check(Line, Bad) ->
    [Orig, Copy, Status] = binary:split(Line, <<"\t">>, [global]),
    case {file:consult(Orig), Status} of
        {{ok, Terms}, <<"0">>} ->
            case file:consult(Copy) of
                {ok, Terms2} when Terms2 =:= Terms -> Bad;
                Other ->
                    io:format("~ts: differs after writing: ~tp~n  was ~tp~n",
                              [Orig, Other, Terms]),
                    Bad + 1
            end;
        {{ok, Terms}, _} ->
            io:format("~ts: file:consult reads it, erlrc refused it: ~tp~n",
                      [Orig, Terms]),
            Bad + 1;
        {{error, _}, <<"0">>} ->
            {ok, Written} = file:read_file(Copy),
            io:format("~ts: file:consult refuses it, erlrc read it as ~ts~n",
                      [Orig, Written]),
            Bad + 1;
        {{error, _}, _} -> Bad
    end.
