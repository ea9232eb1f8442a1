%% sensor_srv - the vehicle counter, 4.0.1: 4.0 with its code_change fixed.
%% It goes by the shape of the state, not by the old version: after a failed
%% upgrade to 4.0 the node runs 4.0's code (so OldVsn is "4.0") with a state
%% that 3.0 left, or one 4.0 made if the server was restarted since.
-module(sensor_srv).
-behaviour(gen_server).
-define(VSN, "4.0.1").
-vsn(?VSN).
-export([start_link/0, count/1, total/0, state/0, version/0, report/0]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2,
         code_change/3]).

%% 1.0: {state, Total}; 2.0 and 3.0: {state, Total, ByHour, Since}
-record(state, {total = 0, by_hour = #{}, since, last}).

start_link() ->
    gen_server:start_link({local, ?MODULE}, ?MODULE, [], []).

%% count(N) -> Total: N more vehicles went by; the new total.
count(N) when is_integer(N), N >= 0 ->
    gen_server:call(?MODULE, {count, N}).

total() ->
    gen_server:call(?MODULE, total).

%% state() -> Map: the server's state, in a form that does not depend on
%% the record: #{total => T, by_hour => #{Hour => N}, since => Seconds,
%% last => Seconds | undefined}.
state() ->
    gen_server:call(?MODULE, state).

%% version() -> Vsn: the version of the code the server runs.
version() ->
    gen_server:call(?MODULE, version).

%% report() -> String: the total, as text.
report() ->
    gen_server:call(?MODULE, report).

init([]) ->
    {ok, #state{since = sensor_util:timestamp()}}.

handle_call({count, N}, _From, #state{total = Total, by_hour = ByHour} = S) ->
    Now = sensor_util:timestamp(),
    sensor_stats:counted(N),
    sensorlog:log({counted, N}),
    {reply, Total + N,
     S#state{total = Total + N,
             by_hour = maps:update_with(sensor_util:hour(Now),
                                        fun(C) -> C + N end, N, ByHour),
             last = Now}};
handle_call(total, _From, S) ->
    {reply, S#state.total, S};
handle_call(state, _From, S) ->
    {reply, #{total => S#state.total, by_hour => S#state.by_hour,
              since => S#state.since, last => S#state.last}, S};
handle_call(version, _From, S) ->
    {reply, ?VSN, S};
handle_call(report, _From, S) ->
    {reply, "total: " ++ sensor_util:format_count(S#state.total), S};
handle_call(_Request, _From, S) ->
    {reply, {error, unknown_call}, S}.

handle_cast(_Msg, S) ->
    {noreply, S}.

handle_info(_Info, S) ->
    {noreply, S}.

terminate(_Reason, _S) ->
    ok.

%% Down: drop what the earlier version does not have; OTP calls this, the
%% 4.0.1 code, before it loads the earlier one. Up: from 3.0's state (four
%% fields) add the time of the last count; 4.0's is already this record.
code_change({down, "1.0"}, #state{total = T}, _Extra) ->
    {ok, {state, T}};
code_change({down, _Vsn}, #state{total = T, by_hour = H, since = S},
            _Extra) ->
    {ok, {state, T, H, S}};
code_change(_OldVsn, {state, T, H, S}, _Extra) ->
    {ok, #state{total = T, by_hour = H, since = S}};
code_change(_OldVsn, #state{} = S, _Extra) ->
    {ok, S}.
