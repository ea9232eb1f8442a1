#!/usr/bin/env escript
%% appup_beamlib - erlrc-makeappup's comparison done in Erlang with beam_lib
%%   escript tests/bench/appup_beamlib.escript APP OLDDIR NEWDIR
%% The fair alternative that bench-makeappup times erlrc-makeappup
%% against: read both .app files, beam_lib:md5/1 every module of both
%% versions, classify added, removed and changed modules, read the exports,
%% attributes and imports of the changed ones to choose update or
%% load_module and their DepMods, and print an appup, one instruction a
%% line.  No ordering by imports: modules go in name order (erlrc orders
%% them too, so this side does a little less work).
-mode(compile).

main([App, Old, New]) ->
    {OldVsn, OldMods} = app(App, Old),
    {NewVsn, NewMods} = app(App, New),
    OldMd5 = md5s(Old, OldMods),
    NewMd5 = md5s(New, NewMods),
    Added = [M || M <- NewMods, not maps:is_key(M, OldMd5)],
    Removed = [M || M <- OldMods, not maps:is_key(M, NewMd5)],
    Changed = [M || M <- NewMods, maps:is_key(M, OldMd5),
                    maps:get(M, OldMd5) =/= maps:get(M, NewMd5)],
    Touched = sets:from_list(Added ++ Changed),
    Up = [{add_module, M, []} || M <- Added]
        ++ [instr(New, M, Touched) || M <- Changed]
        ++ [{delete_module, M, []} || M <- Removed],
    Down = [{add_module, M, []} || M <- Removed]
        ++ [instr(Old, M, Touched) || M <- lists:reverse(Changed)]
        ++ [{delete_module, M, []} || M <- Added],
    io:format("{~p,~n [{~p,~n   [", [NewVsn, OldVsn]),
    lines(Up),
    io:format("]}],~n [{~p,~n   [", [OldVsn]),
    lines(Down),
    io:format("]}]}.~n");
main(_) ->
    io:format(standard_error, "usage: appup_beamlib APP OLDDIR NEWDIR~n", []),
    halt(2).

app(App, Dir) ->
    F = filename:join([Dir, "ebin", App ++ ".app"]),
    {ok, [{application, _, Props}]} = file:consult(F),
    {proplists:get_value(vsn, Props), proplists:get_value(modules, Props)}.

beam(Dir, M) -> filename:join([Dir, "ebin", atom_to_list(M) ++ ".beam"]).

md5s(Dir, Mods) ->
    maps:from_list([begin {ok, {M, Md5}} = beam_lib:md5(beam(Dir, M)),
                          {M, Md5} end || M <- Mods]).

instr(Dir, M, Touched) ->
    {ok, {M, [{exports, Exp}, {attributes, Attrs}, {imports, Imps}]}} =
        beam_lib:chunks(beam(Dir, M), [exports, attributes, imports]),
    Behaviours = proplists:get_value(behaviour, Attrs, [])
        ++ proplists:get_value(behavior, Attrs, []),
    Deps = lists:usort([D || {D, _, _} <- Imps, D =/= M,
                             sets:is_element(D, Touched)]),
    case lists:member(supervisor, Behaviours) of
        true -> {update, M, supervisor};
        false ->
            case lists:member({code_change, 3}, Exp) of
                true -> {update, M, {advanced, []}, Deps};
                false -> {load_module, M, Deps}
            end
    end.

lines([]) -> ok;
lines([I]) -> io:format("~w", [I]);
lines([I | Rest]) -> io:format("~w,~n    ", [I]), lines(Rest).
