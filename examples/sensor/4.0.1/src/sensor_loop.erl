%% sensor_loop - a plain process, no OTP behaviour (so no sys messages, no
%% code_change), that ticks every 100 ms, 2.0: it also tells its tick
%% count. It moves to new code at its next fully qualified call
%% ?MODULE:loop/1, so it outlives a load_module of this module: the load
%% does not kill a process in the old code, and at most 100 ms later the
%% process runs the new code. Its state (the tick count) is the same in
%% every version, since there is no code_change to convert it.
-module(sensor_loop).
-define(VSN, "2.0").
-vsn(?VSN).
-export([start_link/0, ping/0, ticks/0, loop/1]).

%% start_link() -> {ok, Pid}: spawn the loop, linked to the caller (the
%% supervisor), registered as sensor_loop.
start_link() ->
    Pid = spawn_link(fun() -> loop(0) end),
    true = register(?MODULE, Pid),
    {ok, Pid}.

%% ping() -> Vsn | timeout: the version of the code the loop runs.
ping() ->
    ask(ping, pong).

%% ticks() -> N | timeout: how many times the loop has ticked.
ticks() ->
    ask(ticks, ticks).

ask(Question, Tag) ->
    ?MODULE ! {self(), Question},
    receive
        {Tag, Answer} -> Answer
    after 5000 ->
        timeout
    end.

loop(Ticks) ->
    receive
        {From, ping} when is_pid(From) ->
            From ! {pong, ?VSN},
            ?MODULE:loop(Ticks);
        {From, ticks} when is_pid(From) ->
            From ! {ticks, Ticks},
            ?MODULE:loop(Ticks);
        _Other ->
            ?MODULE:loop(Ticks)
    after 100 ->
        ?MODULE:loop(Ticks + 1)
    end.
